"""/api/pages/: the wiki's pages, and one page with its current text."""

from django.urls import reverse
from ninja import Field, Query, Router, Schema
from ninja.errors import HttpError
from ninja.pagination import paginate

from wiki.permissions import readable_pages

from .pagination import Pages
from .schemas import Error, PageDetail, PageSummary

router = Router(tags=["pages"])


class PageFilters(Schema):
    tag: str | None = Field(None, max_length=100, description="A tag's slug.")
    locale: str | None = Field(None, max_length=5, description='A locale ("de"); "" for the '
                                                               "default language.")


def page_data(request, page):
    return {
        "title": page.title,
        "path": page.path,
        "url": request.build_absolute_uri(page.get_absolute_url()),
        "api_url": request.build_absolute_uri(reverse("api:page", args=[page.path])),
        "description": page.description,
        "locale": page.locale,
        "tags": [tag.name for tag in page.tags.all()],
        "updated_at": page.updated_at,
    }


class _Rows:
    def __init__(self, request, queryset):
        self.request, self.queryset = request, queryset

    def __getitem__(self, item):
        return [page_data(self.request, page) for page in self.queryset[item]]

    def count(self):
        return self.queryset.count()


@router.get("/pages/", response=list[PageSummary], url_name="pages",
            summary="Wiki pages, by path")
@paginate(Pages)
def page_list(request, filters: Query[PageFilters]):
    """Pages the caller may read, in path order: three queries per page."""
    pages = readable_pages(request.user).filter(deleted_at__isnull=True)
    if filters.tag:
        pages = pages.filter(tags__slug=filters.tag)
    if filters.locale is not None:
        pages = pages.filter(locale=filters.locale)
    return _Rows(request, pages.order_by("path_key").prefetch_related("tags"))


@router.get("/pages/{path:path}", response={200: PageDetail, 404: Error}, url_name="page",
            summary="One wiki page with its current text")
def page(request, path: str):
    found = (readable_pages(request.user).select_related("current_revision")
             .prefetch_related("tags").at(path.strip("/")).first())
    if found is None:
        raise HttpError(404, "No page at this path.")
    revision = found.current_revision
    return {
        **page_data(request, found),
        "html": revision.current_html() if revision else "",
        "markdown": revision.markdown if revision else "",
        "revision": revision.number if revision else None,
    }
