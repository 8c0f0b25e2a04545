"""The proposal card's before and after, as plain JSON stored with the proposal: the affected part
of the tree drawn twice (tree changes), and field-by-field rows (facts).

Only the neighbourhood of what changes is drawn: the ancestors of each changed node, its siblings
and its children, so a card stays small whatever the size of the tree.
"""

from taxonomy.gazetteer import country_name
from taxonomy.models import FacetValue, Permanence, Status, TaxonomyNode

LABELS = {
    "name": "Name", "slug": "Slug", "summary": "Summary", "description": "Description",
    "size_min": "Smallest typical size", "size_max": "Largest typical size",
    "permanence": "Permanence", "website": "Website", "place": "Place",
    "start_date": "Start date", "end_date": "End date", "size": "Size (people)",
    "status": "Status", "page_path": "Linked wiki page", "nodes": "Classified under",
    "country": "Country", "latitude": "Latitude", "longitude": "Longitude",
    "facet_values": "Facets",
}
CHOICES = {"permanence": dict(Permanence.choices), "status": dict(Status.choices)}


def tree_snapshot():
    """Every active node as ``{id: (name, parent_id, sort key)}``: one query."""
    rows = TaxonomyNode.objects.active().order_by("tree_id", "lft").values_list(
        "pk", "name", "parent_id"
    )
    return {pk: (name, parent, index) for index, (pk, name, parent) in enumerate(rows)}


def _changed(before, after):
    """Ids that were added, removed, moved or renamed between two snapshots."""
    added = set(after) - set(before)
    removed = set(before) - set(after)
    moved = {pk for pk in set(before) & set(after) if before[pk][1] != after[pk][1]}
    renamed = {pk for pk in set(before) & set(after) if before[pk][0] != after[pk][0]}
    return added, removed, moved, renamed


def _draw(snapshot, focus, marks):
    """Rows ``{"name", "depth", "mark"}`` of the neighbourhood of ``focus`` in ``snapshot``."""
    children = {}
    for pk, (_, parent, _) in snapshot.items():
        children.setdefault(parent, []).append(pk)
    shown = set()
    for pk in focus:
        if pk not in snapshot:
            continue
        node = pk
        while node is not None:  # the node and its ancestors
            shown.add(node)
            node = snapshot[node][1]
        parent = snapshot[pk][1]
        shown.update(children.get(parent, []))  # its siblings
        shown.update(children.get(pk, []))  # its children
    rows = []

    def walk(pk, depth):
        rows.append({"name": snapshot[pk][0], "depth": depth, "mark": marks.get(pk, "")})
        for child in sorted(children.get(pk, []), key=lambda c: snapshot[c][2]):
            if child in shown:
                walk(child, depth + 1)

    for root in children.get(None, []):
        if root in shown:
            walk(root, 0)
    return rows


def tree_preview(before, after):
    added, removed, moved, renamed = _changed(before, after)
    focus = added | removed | moved | renamed
    # Parents whose children change are drawn too, in both pictures.
    focus |= {before[pk][1] for pk in removed | moved if pk in before}
    focus |= {after[pk][1] for pk in added | moved if pk in after}
    focus.discard(None)
    before_marks = {pk: "removed" for pk in removed} | {pk: "moved" for pk in moved}
    before_marks |= {pk: "renamed" for pk in renamed - moved}
    after_marks = {pk: "added" for pk in added} | {pk: "moved" for pk in moved}
    after_marks |= {pk: "renamed" for pk in renamed - moved}
    return {"before": _draw(before, focus, before_marks), "after": _draw(after, focus, after_marks)}


def show(name, value):
    """A stored value as a person reads it."""
    if value in (None, "", []):
        return ""
    if name in CHOICES:
        return CHOICES[name].get(value, value)
    if name in ("size_min", "size_max", "size"):
        return f"{value:,}"
    if name == "country":
        return country_name(value)
    if name == "facet_values":
        values = FacetValue.objects.filter(pk__in=value).select_related("facet")
        return ", ".join(sorted(f"{v.facet.name}: {v.name}" for v in values)) or "?"
    return str(value)


def fact_rows(before, after):
    """``[{"label", "before", "after"}]`` for each field that differs (or is set, when new)."""
    rows = []
    for name, value in after.items():
        if name == "slug" and not before:
            continue
        old, new = show(name, before.get(name)), show(name, value)
        if old != new:
            rows.append({"label": LABELS.get(name, name), "before": old, "after": new})
    return rows
