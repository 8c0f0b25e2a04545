"""/api/examples/: the examples dataset, with the directory's filters."""

from typing import Literal

from django.urls import reverse
from ninja import Field, Query, Router, Schema
from ninja.errors import HttpError
from ninja.pagination import paginate

from taxonomy.directory import SORTS, YEAR_MAX, YEAR_MIN, DirectoryFilter, listing
from taxonomy.gazetteer import country_name
from taxonomy.models import Status
from taxonomy.permissions import can_view, viewable_examples

from .categories import node_ref
from .pagination import Pages
from .schemas import Error, Example, ExampleDetail

router = Router(tags=["examples"])


SORT_PATTERN = "^-?(" + "|".join(SORTS) + ")$"


class ExampleFilters(Schema):
    """The directory's filters (taxonomy.directory), by the same names: a URL of the directory
    and of the API select the same examples. Repeat a parameter for alternatives."""

    q: str | None = Field(None, max_length=100, description="Words in the name, summary or place.")
    category: list[str] = Field([], description="Category paths: each with its sub-categories.")
    scale: list[str] = Field([], description='Scale slugs ("small").')
    status: list[Status] = Field([], description="active, past or planned.")
    facet: list[str] = Field([], description='"facet-slug:value-slug"; values of one facet are '
                                             "alternatives, different facets must all match.")
    country: list[str] = Field([], description="ISO 3166-1 alpha-2 codes.")
    active_from: int | None = Field(None, ge=YEAR_MIN, le=YEAR_MAX,
                                    description="Going on at some time in or after this year.")
    active_to: int | None = Field(None, ge=YEAR_MIN, le=YEAR_MAX,
                                  description="Going on at some time in or before this year.")
    size_min: int | None = Field(None, ge=0, description="At least this many people.")
    size_max: int | None = Field(None, ge=0, description="At most this many people.")
    sources: Literal["yes", "no"] | None = Field(None, description="Whether any fact is cited.")
    sort: str | None = Field(None, pattern=SORT_PATTERN,
                             description=f"One of {', '.join(SORTS)}; - in front for descending.")


def filtered(request):
    """The examples the caller may see that match the query string's filters, in order, with
    what a row shows; a filter the directory does not accept is a 400 naming it (the directory
    page ignores it instead, but a script should hear about its typo)."""
    form = DirectoryFilter(request.GET)
    if not form.is_valid():
        problems = "; ".join(f"{name}: {' '.join(errors)}" for name, errors in form.errors.items())
        raise HttpError(400, f"Invalid filter: {problems}")
    return listing(form.examples(viewable_examples(request.user)))


def example_data(request, example):
    return {
        "name": example.name,
        "slug": example.slug,
        "url": request.build_absolute_uri(example.get_absolute_url()),
        "api_url": request.build_absolute_uri(reverse("api:example", args=[example.slug])),
        "summary": example.summary,
        "status": example.status,
        "place": example.place,
        "website": example.website,
        "start_date": example.start_date,
        "end_date": example.end_date,
        "size": example.size,
        "country": example.country,
        "country_name": country_name(example.country),
        "latitude": float(example.latitude) if example.latitude is not None else None,
        "longitude": float(example.longitude) if example.longitude is not None else None,
        "categories": [node_ref(request, node) for node in example.nodes.all()],
        "facets": [{"facet": value.facet.name, "value": value.name, "key": value.key}
                   for value in example.facet_values.all()],
        "citation_count": example.citation_count,
        "wiki_page": "/" + example.page_path if example.page_path else None,
        "retired": example.is_retired,
        "updated_at": example.updated_at,
    }


@router.get("/examples/", response={200: list[Example], 400: Error}, url_name="examples",
            summary="Examples, filtered as in the directory")
@paginate(Pages)
def example_list(request, filters: Query[ExampleFilters]):
    """Examples in name order (or ``sort``'s). A fixed number of queries per page whatever the
    filters: the directory's choices, the count, the page, its categories and facet values."""
    return _Rows(request, filtered(request))


class _Rows:
    """The queryset, sliced by the paginator, turned into API rows."""

    def __init__(self, request, queryset):
        self.request, self.queryset = request, queryset

    def __getitem__(self, item):
        return [example_data(self.request, example) for example in self.queryset[item]]

    def count(self):
        return self.queryset.count()

    def all(self):
        return self


@router.get("/examples/{slug}", response={200: ExampleDetail, 404: Error}, url_name="example",
            summary="One example")
def example(request, slug: str):
    found = listing(viewable_examples(request.user).filter(slug=slug)).first()
    if found is None or not can_view(request.user, found):
        raise HttpError(404, "No example with this slug.")
    citations = [{"fact": c.fact, "url": c.url, "title": c.title, "accessed": c.accessed,
                  "quote": c.quote} for c in found.citations.all()]
    return {**example_data(request, found), "description_html": found.current_html(),
            "citations": citations}

