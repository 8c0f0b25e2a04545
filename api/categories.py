"""/api/categories/: the taxonomy as a tree, and one category with its neighbours."""

from django.http import Http404
from django.urls import reverse
from ninja import Router
from ninja.errors import HttpError

from taxonomy.models import NodeRedirect
from taxonomy.permissions import can_view, viewable_nodes

from .schemas import CategoryDetail, CategoryTree, Error

router = Router(tags=["categories"])


def node_ref(request, node):
    return {"name": node.name, "path": node.path,
            "url": request.build_absolute_uri(node.get_absolute_url())}


def node_data(request, node):
    return {
        "name": node.name,
        "slug": node.slug,
        "path": node.path,
        "kind": node.kind,
        "url": request.build_absolute_uri(node.get_absolute_url()),
        "api_url": request.build_absolute_uri(
            reverse("api:category", args=[node.path]) if node.path else reverse("api:categories")
        ),
        "summary": node.summary,
        "size_min": node.size_min,
        "size_max": node.size_max,
        "permanence": node.permanence or None,
        "wiki_page": "/" + node.page_path if node.page_path else None,
        "example_count": node.example_count,
        "retired": node.is_retired,
    }


@router.get("/categories/", response=CategoryTree, url_name="categories",
            summary="The whole taxonomy as a tree")
def category_tree(request):
    """The root with its scales, their categories and sub-categories, each with the number of
    examples in it. One query however large the tree."""
    nodes = list(viewable_nodes(request.user).with_counts().order_by("tree_id", "lft"))
    roots, stack = [], []
    for node in nodes:
        item = {**node_data(request, node), "children": []}
        while stack and stack[-1][0] >= node.level:
            stack.pop()
        if stack:
            stack[-1][1]["children"].append(item)
        else:
            roots.append(item)
        stack.append((node.level, item))
    if not roots:
        raise Http404("The taxonomy is empty.")
    # The default content has one root; several trees are shown under an unnamed one.
    return roots[0] if len(roots) == 1 else {**roots[0], "children": roots}


@router.get("/categories/{path:path}", response={200: CategoryDetail, 404: Error},
            url_name="category", summary="One category, its parents and its sub-categories")
def category(request, path: str):
    """``path`` is the category's path (``small/pop-up-villages``). An old path of a moved
    category answers with the category at its new path."""
    path = path.strip("/")
    nodes = viewable_nodes(request.user).with_counts()
    node = nodes.filter(path=path).first()
    if node is None:
        moved = NodeRedirect.objects.select_related("node").filter(old_path=path).first()
        if moved is None or not can_view(request.user, moved.node):
            raise HttpError(404, "No category at this path.")
        node = nodes.get(pk=moved.node_id)
    children = nodes.filter(parent=node).order_by("order", "name")
    return {
        **node_data(request, node),
        "ancestors": [node_ref(request, a) for a in node.get_ancestors()],
        "children": [node_data(request, child) for child in children],
        "examples_url": request.build_absolute_uri(
            reverse("api:examples") + (f"?category={node.path}" if node.path else "")
        ),
    }
