"""The taxonomy as JSON: the whole tree at /taxonomy.json, a subtree at /taxonomy/<path>.json."""

from django.http import JsonResponse

from ..models import Example, TaxonomyNode
from .browse import node_by_path


def _example_json(request, example):
    return {
        "name": example.name,
        "slug": example.slug,
        "url": request.build_absolute_uri(example.get_absolute_url()),
        "summary": example.summary,
        "status": example.status,
        "place": example.place,
        "website": example.website,
        "start_date": example.start_date.isoformat() if example.start_date else None,
        "end_date": example.end_date.isoformat() if example.end_date else None,
        "size": example.size,
        "wiki_page": "/" + example.page_path if example.page_path else None,
    }


def _tree_json(request, nodes):
    """Nested dicts from nodes in tree order, each with its examples: three queries in all."""
    ids = [node.pk for node in nodes]
    examples = Example.objects.active().filter(nodes__in=ids).prefetch_related("nodes").distinct()
    by_node = {}
    for example in examples:
        for node in example.nodes.all():
            by_node.setdefault(node.pk, []).append(_example_json(request, example))
    out, stack = [], []
    for node in nodes:
        item = {
            "name": node.name,
            "slug": node.slug,
            "path": node.path,
            "kind": node.kind,
            "url": request.build_absolute_uri(node.get_absolute_url()),
            "json_url": request.build_absolute_uri(node.get_json_url()),
            "summary": node.summary,
            "size": {"min": node.size_min, "max": node.size_max},
            "permanence": node.permanence or None,
            "wiki_page": "/" + node.page_path if node.page_path else None,
            "examples": sorted(by_node.get(node.pk, []), key=lambda e: e["name"]),
            "children": [],
        }
        while stack and stack[-1][0].level >= node.level:
            stack.pop()
        (stack[-1][1]["children"] if stack else out).append(item)
        stack.append((node, item))
    return out


def tree_json(request):
    nodes = list(TaxonomyNode.objects.active().order_by("tree_id", "lft"))
    tree = _tree_json(request, nodes)
    return JsonResponse(
        tree[0] if len(tree) == 1 else {"children": tree}, json_dumps_params={"indent": 1}
    )


def node_json(request, path):
    node, moved = node_by_path(request, path)
    if moved:
        moved["Location"] = node_json_url_for_redirect(moved["Location"])
        return moved
    nodes = list(node.get_descendants(include_self=True).filter(retired_at__isnull=True))
    if node.is_retired:
        nodes = [node]
    return JsonResponse(_tree_json(request, nodes)[0], json_dumps_params={"indent": 1})


def node_json_url_for_redirect(location):
    """/taxonomy/a/b/ → /taxonomy/a/b.json, so an old JSON URL redirects to the new JSON."""
    return location.rstrip("/") + ".json"
