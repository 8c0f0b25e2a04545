"""Checks that the stored tree is consistent, and a repair: what ``check_taxonomy`` runs and
what the concurrency tests assert. Reads everything in one query; repairing takes the tree lock."""

from django.db import transaction

from .editing import _kind_for_level, lock_tree
from .models import TaxonomyNode


def find_problems():
    """A list of human-readable problems; empty when the tree is valid."""
    nodes = list(TaxonomyNode.objects.order_by("tree_id", "lft"))
    by_id = {node.pk: node for node in nodes}
    problems = []
    roots = [node for node in nodes if node.parent_id is None]
    if len(roots) > 1:
        problems.append(f"{len(roots)} roots: {', '.join(r.name for r in roots)}")
    # mptt: lft/rght nest exactly like parent links, and intervals are contiguous per tree.
    expected = _expected_mptt(nodes)
    for node in nodes:
        want = expected.get(node.pk)
        have = (node.tree_id, node.lft, node.rght, node.level)
        if want != have:
            problems.append(f"{node.path or node.name}: tree fields {have}, expected {want}")
        parent = by_id.get(node.parent_id)
        want_path = node.path_for(parent) if node.parent_id else ""
        if node.parent_id and parent is None:
            problems.append(f"{node.name}: parent #{node.parent_id} is missing")
        elif node.path != want_path:
            problems.append(f"{node.name}: path “{node.path}”, expected “{want_path}”")
        level = want[3] if want else node.level
        if node.kind != _kind_for_level(level):
            problems.append(
                f"{node.path or node.name}: kind {node.kind}, expected {_kind_for_level(level)}"
            )
    return problems


def _expected_mptt(nodes):
    """(tree_id, lft, rght, level) per node id, derived from parent links alone, keeping the
    current sibling order (by lft) so a valid tree is left exactly as it is."""
    children = {}
    for node in nodes:  # already in (tree_id, lft) order
        children.setdefault(node.parent_id, []).append(node)
    expected = {}
    for root in children.get(None, []):
        counter = 1
        stack = [(root, 0, False)]
        while stack:
            node, level, done = stack.pop()
            if done:
                expected[node.pk] = (root.tree_id, expected[node.pk][1], counter, level)
                counter += 1
                continue
            expected[node.pk] = (root.tree_id, counter, None, level)
            counter += 1
            stack.append((node, level, True))
            for child in reversed(children.get(node.pk, [])):
                stack.append((child, level + 1, False))
    return expected


def repair():
    """Rebuild mptt fields from parent links, then every path and kind, top-down."""
    with transaction.atomic():
        lock_tree()
        TaxonomyNode.objects.rebuild()
        nodes = list(TaxonomyNode.objects.order_by("tree_id", "lft"))
        paths = {}
        for node in nodes:
            parent_path = paths.get(node.parent_id)
            node.path = (
                ""
                if node.parent_id is None
                else (f"{parent_path}/{node.slug}" if parent_path else node.slug)
            )
            node.kind = _kind_for_level(node.level)
            paths[node.pk] = node.path
        # Paths are unique: park the wrong ones first so a swap cannot collide midway.
        for node in nodes:
            TaxonomyNode.objects.filter(pk=node.pk).exclude(path=node.path).update(
                path=f"~repair~{node.pk}"
            )
        TaxonomyNode.objects.bulk_update(nodes, ["path", "kind"], batch_size=500)
