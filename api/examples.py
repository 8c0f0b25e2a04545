"""/api/examples/: the examples dataset, with the directory's filters."""

from django.db.models import Prefetch
from django.urls import reverse
from ninja import Field, Query, Router, Schema
from ninja.errors import HttpError
from ninja.pagination import paginate

from taxonomy.models import Status, TaxonomyNode
from taxonomy.permissions import can_view, viewable_examples

from .categories import node_ref
from .pagination import Pages
from .schemas import Error, Example, ExampleDetail

router = Router(tags=["examples"])


class ExampleFilters(Schema):
    category: str | None = Field(
        None, max_length=500,
        description="A category's path: its examples and those of its sub-categories.")
    status: Status | None = Field(None, description="active, past or planned.")


def filtered(user, filters):
    examples = viewable_examples(user).order_by("name", "pk")
    if filters.status:
        examples = examples.filter(status=filters.status)
    if filters.category is not None:
        node = TaxonomyNode.objects.active().filter(path=filters.category.strip("/")).first()
        if node is None:
            return examples.none()
        examples = examples.filter(
            pk__in=TaxonomyNode.examples.through.objects.filter(
                taxonomynode__tree_id=node.tree_id, taxonomynode__lft__gte=node.lft,
                taxonomynode__lft__lte=node.rght, taxonomynode__retired_at__isnull=True,
            ).values("example_id"))
    return examples.prefetch_related(
        Prefetch("nodes", queryset=TaxonomyNode.objects.active().order_by("tree_id", "lft")))


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
        "categories": [node_ref(request, node) for node in example.nodes.all()],
        "wiki_page": "/" + example.page_path if example.page_path else None,
        "retired": example.is_retired,
        "updated_at": example.updated_at,
    }


@router.get("/examples/", response=list[Example], url_name="examples",
            summary="Examples, filtered as in the directory")
@paginate(Pages)
def example_list(request, filters: Query[ExampleFilters]):
    """Examples in name order. Four queries per page whatever the filters: the category, the
    count, the page and the page's categories."""
    return _Rows(request, filtered(request.user, filters))


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
    found = filtered(request.user, ExampleFilters()).filter(slug=slug).first()
    if found is None or not can_view(request.user, found):
        raise HttpError(404, "No example with this slug.")
    return {**example_data(request, found), "description_html": found.current_html()}

