"""The API itself: one NinjaAPI with its routers, its docs page and its schema.

/api/docs/ is Swagger UI from django-ninja's own static files (no CDN, CSP-safe: its settings
travel as a JSON block, its script is a file), in our template (api/templates/api/docs.html: light
and dark as the site); /api/openapi.json is the OpenAPI 3 schema.
Every operation is read-only and rate limited (throttling.SiteRateLimit). ETags and 304s come
from the site's ConditionalGetMiddleware, and anonymous answers from the page cache, as for pages.
"""

from django.shortcuts import render
from django.urls import reverse
from ninja import Field, NinjaAPI, Schema
from ninja.openapi.docs import Swagger

from taxonomy import conf

from . import categories, examples, pages, search, threads
from .throttling import SiteRateLimit

DESCRIPTION = """\
A read API for the knowledge base: the taxonomy of network societies, its examples (filtered as
in the directory), wiki pages, discussions and search. Everything here is public, read-only JSON.

- **Pagination**: lists take `page` and `page_size` (at most 100) and answer with `count`,
  `pages`, and the `next` and `previous` URLs.
- **Caching**: every answer carries an `ETag`; send it back as `If-None-Match` to get
  `304 Not Modified` when nothing changed.
- **Rate limit**: 600 requests in 10 minutes per address (or per account); beyond it the answer
  is `429` with `Retry-After`.
- **Licence**: the content is shared under the licence `/api/` names (CC BY-SA 4.0 unless the
  site says otherwise); cite the site and link the `url` of what you use.
"""


class SiteSwagger(Swagger):
    """django-ninja's Swagger page in the site's light and dark (api/templates/api/docs.html),
    its settings written with ``json_script`` (ninja's template marks a JSON string safe). No CSRF
    token: every operation is a GET with no authentication."""

    def render_page(self, request, api, **kwargs):
        settings = {**self.settings, "url": self.get_openapi_url(api, kwargs)}
        return render(request, "api/docs.html", {"api": api, "swagger_settings": settings})


api = NinjaAPI(
    title="Network Societies API",
    version="1",
    description=DESCRIPTION,
    urls_namespace="api",
    docs=SiteSwagger(settings={"persistAuthorization": False, "tryItOutEnabled": True}),
    docs_url="/docs/",
    openapi_url="/openapi.json",
    throttle=[SiteRateLimit()],
)


class Index(Schema):
    license: str = Field(description="The licence of the content (DATASET_LICENSE).")
    license_url: str
    docs: str
    schema_url: str
    categories: str
    examples: str
    pages: str
    threads: str
    search: str


@api.get("/", response=Index, url_name="index", tags=["index"], summary="Where everything is")
def index(request):
    def url(name):
        return request.build_absolute_uri(reverse(f"api:{name}"))

    return {"license": conf.license_name(), "license_url": conf.license_url(),
            "docs": url("openapi-view"), "schema_url": url("openapi-json"),
            "categories": url("categories"), "examples": url("examples"), "pages": url("pages"),
            "threads": url("threads"), "search": url("search")}


for module in (categories, examples, pages, threads, search):
    api.add_router("", module.router)
