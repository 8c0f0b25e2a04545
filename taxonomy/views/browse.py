"""Reading the taxonomy: the whole tree with its diagram, and the concept pages.

A concept page (a node's, an example's) is the concept's one home: its facts, its article (the
wiki page at its article path), its examples, its discussion and its history, each a tab of one
page. What other apps show there comes through ``taxonomy.contributions``.
"""

from urllib.parse import urlencode

from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse

from markup.outline import table_of_contents
from network_societies.personalcache import personal_page

from ..articles import article_for, history_for
from ..citations import references
from ..contributions import build_sections
from ..diagram import build as build_diagram
from ..diagram import example_sizes
from ..models import Example, NodeRedirect, TaxonomyNode
from ..permissions import can_edit, can_view, viewable_examples, viewable_nodes
from ..rendering import tree_html

INDEX_EXAMPLES = 20


@personal_page
def index(request):
    """The whole tree on one page: a fixed number of queries whatever its size."""
    nodes = list(TaxonomyNode.objects.active().with_counts().order_by("tree_id", "lft"))
    # The latest few; the directory lists them all, with filters and pages.
    active = Example.objects.active()
    examples = active.prefetch_related("nodes").order_by("-created_at", "-pk")[:INDEX_EXAMPLES]
    return render(
        request,
        "taxonomy/index.html",
        {
            "nodes": nodes,
            "root": nodes[0] if nodes else None,
            "tree_html": tree_html(nodes[1:]),
            "diagram": build_diagram(nodes, example_sizes()),
            "examples": sorted(examples, key=lambda example: example.name.casefold()),
            "example_total": active.count(),
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


@personal_page
def node_detail(request, path):
    """A category's (or a scale's) concept page: a fixed number of queries, however many
    examples, threads and revisions it has."""
    node, moved = node_by_path(request, path)
    if moved:
        return moved
    examples = (
        viewable_examples(request.user).active()
        .filter(nodes__tree_id=node.tree_id, nodes__lft__gte=node.lft, nodes__lft__lte=node.rght,
                nodes__retired_at__isnull=True)
        .distinct().order_by("name")
    )
    return render(request, "taxonomy/node_detail.html", {
        "node": node,
        "concept": node,
        "ancestors": list(node.get_ancestors()),
        "children": list(node.get_children().active().with_counts()),
        "defining": _grouped(node.defining_values.filter(retired_at__isnull=True)
                             .select_related("facet")
                             .order_by("facet__order", "facet__name", "order", "name")),
        "examples": list(examples),
        "noun": "category" if node.kind == "category" else node.get_kind_display().lower(),
        "changes_url": reverse("taxonomy:node_history", args=[node.pk]),
        **_concept_context(request, node),
    })


@personal_page
def example_detail(request, slug):
    """An example's concept page."""
    example = get_object_or_404(Example, slug=slug)
    if not can_view(request.user, example):
        raise Http404("No example here.")
    nodes = list(example.nodes.active().order_by("tree_id", "lft"))
    values = list(example.facet_values.select_related("facet").order_by(
        "facet__order", "facet__name", "order", "name"))
    refs = references(example, example.citations.all(), has_facets=bool(values))
    return render(request, "taxonomy/example_detail.html", {
        "example": example,
        "concept": example,
        "nodes": nodes,
        # Breadcrumbs down to its first category, the same shape as a category's own.
        "trail": [*nodes[0].get_ancestors(), nodes[0]] if nodes else [],
        "facets": _grouped(values),
        "refs": refs,
        "noun": "example",
        "changes_url": reverse("taxonomy:example_history", args=[example.slug]),
        **_concept_context(request, example),
    })


def _grouped(values):
    """[(facet, [values])] in facet order, from values ordered by facet."""
    groups = {}
    for value in values:
        groups.setdefault(value.facet, []).append(value)
    return list(groups.items())


def _concept_context(request, concept):
    article = article_for(request.user, concept)
    sections = build_sections(request, concept)
    discussion = sections["discussion"]
    start_url = next((s["start_url"] for s in discussion if s.get("start_url")), "")
    # A section may offer its own way to suggest an example (the proposals' add-example form);
    # else members suggest one by starting a discussion.
    suggest_url = next((s["suggest_url"] for tab in sections.values() for s in tab
                        if s.get("suggest_url")), "")
    if not suggest_url and start_url:
        suggest_url = f"{start_url}?{urlencode({'title': 'Suggested example: '})}"
    return {
        "article": article,
        "toc": table_of_contents(article.html) if article.exists else [],
        "history": history_for(concept, article, concept.changes.all()),
        "sections": sections,
        "discussion_count": sum(s.get("count") or 0 for s in discussion),
        # Members who may not add examples suggest one.
        "suggest_url": suggest_url,
        "can_edit": can_edit(request.user),
    }
