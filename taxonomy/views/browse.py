"""Reading the taxonomy: the whole tree with its diagram, a node page, an example page."""

from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.template import TemplateDoesNotExist
from django.template.loader import get_template

from ..diagram import build as build_diagram
from ..models import Example, NodeRedirect, TaxonomyNode, forum_thread_model
from ..permissions import can_edit, can_view, viewable_examples, viewable_nodes
from ..rendering import tree_html
from ..wiki_links import linked_page

LATEST_THREADS = 5


def index(request):
    """The whole tree on one page: a fixed number of queries whatever its size."""
    nodes = list(TaxonomyNode.objects.active().with_counts().order_by("tree_id", "lft"))
    examples = Example.objects.active().prefetch_related("nodes").order_by("name")
    return render(
        request,
        "taxonomy/index.html",
        {
            "nodes": nodes,
            "root": nodes[0] if nodes else None,
            "tree_html": tree_html(nodes[1:]),
            "diagram": build_diagram(nodes),
            "examples": examples,
            "can_edit": can_edit(request.user),
        },
    )


def node_by_path(request, path):
    """The node at ``path``; an old path of a moved or renamed node redirects permanently."""
    node = viewable_nodes(request.user).with_counts().filter(path=path).first()
    if node is None:
        moved = NodeRedirect.objects.select_related("node").filter(old_path=path).first()
        if moved and can_view(request.user, moved.node):
            return None, redirect(moved.node.get_absolute_url(), permanent=True)
        raise Http404("No taxonomy node at this path.")
    return node, None


def node_detail(request, path):
    node, moved = node_by_path(request, path)
    if moved:
        return moved
    subtree = node.get_descendants(include_self=True).filter(retired_at__isnull=True)
    examples = (
        viewable_examples(request.user)
        .active()
        .filter(nodes__in=subtree)
        .distinct()
        .order_by("name")
    )
    return render(
        request,
        "taxonomy/node_detail.html",
        {
            "node": node,
            "ancestors": list(node.get_ancestors()),
            "children": node.get_children().active().with_counts(),
            "examples": examples,
            "page": linked_page(node.page_path),
            **latest_threads(request, node),
            "can_edit": can_edit(request.user),
        },
    )


def latest_threads(request, node):
    """The node's latest visible discussion threads, through the forum's own list include."""
    thread_model = forum_thread_model()
    try:
        get_template("forum/includes/thread_list.html")
    except TemplateDoesNotExist:
        thread_model = None
    if thread_model is None:
        return {"threads": None}
    threads = thread_model.objects.visible().filter(node=node)
    if hasattr(threads, "for_listing"):
        threads = threads.for_listing(request.user)
    return {"threads": list(threads.order_by("-last_activity_at", "-pk")[:LATEST_THREADS])}


def example_detail(request, slug):
    example = get_object_or_404(Example, slug=slug)
    if not can_view(request.user, example):
        raise Http404("No example here.")
    return render(
        request,
        "taxonomy/example_detail.html",
        {
            "example": example,
            "nodes": example.nodes.active().order_by("tree_id", "lft"),
            "page": linked_page(example.page_path),
            "can_edit": can_edit(request.user),
        },
    )
