"""Every change to the taxonomy: create, edit, move, reorder, retire, restore and revert nodes and
examples, each in one transaction with its history entry.

Tree writes take the tree lock first (a row locked with SELECT … FOR UPDATE on PostgreSQL; SQLite
serialises writers itself with IMMEDIATE transactions), then re-read the node, so django-mptt's
lft/rght bookkeeping never sees a concurrent writer. A node's stored path, and those of all its
descendants, change in the same transaction as the move or rename, and the old paths redirect.

Bad input raises ``django.core.exceptions.ValidationError`` (keyed by field) before anything is
written, so callers show the message and nothing changes.

Every recorded change bumps its target's ``version``. ``update_node`` and ``save_example`` take
the version the caller read (``expected_version``, optional): a save against a newer version is
merged field by field with what was saved meanwhile (``network_societies.merging``), the state
"as read" rebuilt from the history, and raises ``EditConflict`` when both changed the same field.
"""

import re
from datetime import date
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F
from django.utils import timezone

from network_societies.merging import EditConflict, merge_fields
from search.outbox import enqueue

from . import gazetteer
from .models import (
    Action,
    Change,
    Citation,
    Example,
    Facet,
    FacetValue,
    Fact,
    Kind,
    NodeRedirect,
    TaxonomyNode,
    TreeLock,
)

SLUG_RE = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")

NODE_FIELDS = [
    "name",
    "slug",
    "parent",
    "summary",
    "description",
    "size_min",
    "size_max",
    "permanence",
    "page_path",
    "order",
    "defining_values",
]
# Fields held in other tables (many-to-many or rows of their own), set after the row is saved.
NODE_RELATED = ("parent", "defining_values")
EXAMPLE_RELATED = ("nodes", "facet_values", "citations")
EXAMPLE_FIELDS = [
    "name",
    "slug",
    "summary",
    "description",
    "website",
    "place",
    "country",
    "latitude",
    "longitude",
    "start_date",
    "end_date",
    "size",
    "status",
    "page_path",
    "nodes",
    "facet_values",
    "citations",
]
CITATION_FIELDS = ("fact", "url", "title", "accessed", "quote")


def lock_tree():
    """Hold the tree lock until the surrounding transaction ends."""
    TreeLock.objects.select_for_update().get_or_create(pk=1)


# --- Values as stored in history ------------------------------------------------------------


def _node_ref(node):
    return None if node is None else {"id": node.pk, "path": node.path, "name": node.name}


def _value_ref(value):
    return {"id": value.pk, "key": value.key, "name": value.name}


def _value_refs(value_ids):
    values = FacetValue.objects.filter(pk__in=list(value_ids)).select_related("facet")
    return sorted((_value_ref(value) for value in values), key=lambda ref: ref["key"])


def _json_value(value):
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return float(value)
    return value


def _citation_state(citation):
    """A citation as history stores it: a dict of CITATION_FIELDS (Citation or dict in)."""
    get = citation.get if isinstance(citation, dict) else lambda name: getattr(citation, name)
    return {name: _json_value(get(name)) or ("" if name != "accessed" else None)
            for name in CITATION_FIELDS}


def _node_state(node, value_ids=None):
    state = {name: _json_value(getattr(node, name)) for name in NODE_FIELDS
             if name not in NODE_RELATED}
    state["parent"] = _node_ref(node.parent)
    if value_ids is None:
        value_ids = node.defining_values.values_list("pk", flat=True) if node.pk else []
    state["defining_values"] = _value_refs(value_ids)
    return state


def _example_state(example, node_ids=None, value_ids=None):
    state = {
        name: _json_value(getattr(example, name)) for name in EXAMPLE_FIELDS
        if name not in EXAMPLE_RELATED
    }
    if node_ids is None:
        node_ids = example.nodes.values_list("pk", flat=True) if example.pk else []
    nodes = TaxonomyNode.objects.filter(pk__in=list(node_ids)).order_by("path")
    state["nodes"] = [_node_ref(node) for node in nodes]
    if value_ids is None:
        value_ids = example.facet_values.values_list("pk", flat=True) if example.pk else []
    state["facet_values"] = _value_refs(value_ids)
    citations = example.citations.order_by("order", "pk") if example.pk else []
    state["citations"] = [_citation_state(citation) for citation in citations]
    return state


def _diff(before, after):
    return {
        name: [before.get(name), after[name]] for name in after if before.get(name) != after[name]
    }


def _record(target, user, action, changes, reason="", reverts=None, batch=None):
    """Write the history entry and bump the target's version (its row is locked by the caller)."""
    field = {TaxonomyNode: "node", Example: "example", Facet: "facet", FacetValue: "facet_value"}[
        type(target)
    ]
    type(target).objects.filter(pk=target.pk).update(version=F("version") + 1)
    target.version += 1
    return Change.objects.create(
        **{field: target},
        user=user if user and user.is_authenticated else None,
        action=action,
        changes=changes,
        reason=reason[:300],
        reverts=reverts,
        version=target.version,
        batch=batch,
    )


# --- Stale edits ----------------------------------------------------------------------------


def _comparable(name, value):
    """A field's value as merging compares it: ids for nodes and facet values, ISO text for
    dates, plain dicts for citations."""
    if name == "parent":
        return value.pk if isinstance(value, TaxonomyNode) else (value or {}).get("id")
    if name in ("nodes", "facet_values", "defining_values"):
        return sorted(v if isinstance(v, int) else v.pk if hasattr(v, "pk") else v["id"]
                      for v in value or [])
    if name == "citations":
        return [_citation_state(citation) for citation in value or []]
    return _json_value(value)


def _state_at(target, state, version):
    """The target's fields as they were at ``version``: now, with every later change undone."""
    state = dict(state)
    for change in target.changes.filter(version__gt=version).order_by("-version"):
        for name, values in change.changes.items():
            state[name] = values[0]
    return state


def _merge_stale(target, state, expected_version, fields):
    """The fields to save when the caller read ``expected_version`` and the target has moved on:
    their values merged with what was saved meanwhile, or EditConflict."""
    if expected_version is None or int(expected_version) >= target.version:
        return fields
    def comparable(values):
        return {name: _comparable(name, value) for name, value in values.items()}

    result = merge_fields(
        comparable(_state_at(target, state, int(expected_version))),
        comparable(state),
        comparable(fields),
        text_fields=("description",),
        set_fields=("nodes", "facet_values", "defining_values"),
    )
    if result.conflicts:
        last = target.changes.select_related("user").order_by("-version", "-pk").first()
        raise EditConflict(
            conflicts=result.conflicts, values=result.values, version=target.version,
            by=last.user if last else None, at=last.created_at if last else None,
        )
    return {name: _model_value(name, result.values[name], fields[name]) for name in fields}


def _model_value(name, value, given):
    """Back from a merged comparable value to what the service takes."""
    if _comparable(name, given) == value:
        return given
    if name == "parent":
        return TaxonomyNode.objects.filter(pk=value).first() if value else None
    if name == "nodes":
        return list(TaxonomyNode.objects.filter(pk__in=value))
    if name in ("facet_values", "defining_values"):
        return list(FacetValue.objects.filter(pk__in=value))
    if name in ("start_date", "end_date") and value:
        return date.fromisoformat(value)
    return value


# --- Nodes ----------------------------------------------------------------------------------


def _check_node(node, parent, fields):
    """Everything that could make the tree invalid, checked before writing."""
    errors = {}
    slug = fields["slug"]
    if not SLUG_RE.match(slug or ""):
        errors["slug"] = "Use lowercase letters, digits and single hyphens, like “pop-up-villages”."
    if parent is None:
        creating_root = node.pk is None and not TaxonomyNode.objects.exists()
        if not creating_root and (node.pk is None or node.parent_id is not None):
            errors["parent"] = "Choose where this node belongs; only the root has no parent."
    if parent is not None:
        if parent.is_retired:
            errors["parent"] = f"“{parent.name}” is retired; choose an active parent."
        elif node.pk and parent.tree_id == node.tree_id and node.lft <= parent.lft <= node.rght:
            errors["parent"] = "A node cannot be placed under itself or one of its own descendants."
    low, high = fields.get("size_min"), fields.get("size_max")
    if low is not None and high is not None and low > high:
        errors["size_max"] = f"The largest size ({high:,}) is smaller than the smallest ({low:,})."
    if "parent" not in errors and "slug" not in errors:
        siblings = TaxonomyNode.objects.filter(parent=parent, slug=slug).exclude(pk=node.pk)
        sibling = siblings.first()
        if sibling:
            retired = " (retired)" if sibling.is_retired else ""
            errors["slug"] = f"“{sibling.name}”{retired} already uses the slug “{slug}” here."
    if errors:
        raise ValidationError(errors)


def _kind_for_level(level):
    return Kind.ROOT if level == 0 else Kind.SCALE if level == 1 else Kind.CATEGORY


def _sync_paths(node, old_path):
    """After a move or rename: new paths and kinds for the node and all its descendants, in one
    statement per batch, and redirects from every old path."""
    node.refresh_from_db()
    new_path = node.path_for(node.parent)
    subtree = list(node.get_descendants(include_self=True))
    for row in subtree:
        row.kind = _kind_for_level(row.level)
        row.path = new_path if row.pk == node.pk else new_path + row.path[len(old_path) :]
    TaxonomyNode.objects.bulk_update(subtree, ["path", "kind"], batch_size=500)
    # bulk_update sends no signals: the subtree and its examples may now be under another scale.
    enqueue(subtree)
    enqueue(Example.objects.filter(nodes__in=subtree).distinct())
    if old_path != new_path:
        old_paths = {old_path + row.path[len(new_path) :]: row for row in subtree}
        # A node moved back to where it was: its path is live again, not a redirect.
        NodeRedirect.objects.filter(old_path__in=[row.path for row in subtree]).delete()
        NodeRedirect.objects.bulk_create(
            [NodeRedirect(old_path=path, node=row) for path, row in old_paths.items() if path],
            update_conflicts=True,
            unique_fields=["old_path"],
            update_fields=["node"],
        )
    node.refresh_from_db()


def create_node(*, user, parent, reason="", **fields):
    """Add a node under ``parent`` (None only for the root of an empty taxonomy)."""
    with transaction.atomic():
        lock_tree()
        parent = TaxonomyNode.objects.get(pk=parent.pk) if parent else None
        values = list(fields.pop("defining_values", None) or [])
        node = TaxonomyNode(**fields)
        _check_node(
            node, parent, {"slug": node.slug, "size_min": node.size_min, "size_max": node.size_max}
        )
        node.parent = parent
        node.path = node.path_for(parent)
        node.kind = _kind_for_level(0 if parent is None else parent.level + 1)
        node.refresh_html()
        node.save()
        node.defining_values.set(values)
        _record(node, user, Action.CREATED, _diff({}, _node_state(node)), reason)
        return node


def update_node(node, *, user, reason="", action=Action.EDITED, reverts=None,
                expected_version=None, **fields):
    """Change any of NODE_FIELDS; a new parent moves the node, a new slug renames it, a new order
    reorders it. Returns the Change, or None when nothing changed.

    ``expected_version`` is the node's version the caller read (None: "whatever is current");
    if the node has changed since, the fields are merged with those changes or EditConflict is
    raised and nothing is written."""
    with transaction.atomic():
        lock_tree()
        node = TaxonomyNode.objects.select_related("parent").get(pk=node.pk)
        before = _node_state(node)
        fields = _merge_stale(node, before, expected_version, fields)
        parent = fields.pop("parent", node.parent)
        parent = TaxonomyNode.objects.get(pk=parent.pk) if parent else None
        wanted = {**before, **{k: v for k, v in fields.items() if k in NODE_FIELDS}}
        if node.parent_id is None and parent is not None:
            raise ValidationError({"parent": "The root stays at the top of the tree."})
        _check_node(node, parent, wanted)
        old_path = node.path
        values = fields.pop("defining_values", None)
        for name in NODE_FIELDS:
            if name not in NODE_RELATED:
                setattr(node, name, wanted[name])
        if wanted["description"] != before["description"]:
            node.refresh_html()
        moved = (parent.pk if parent else None) != node.parent_id
        node.parent = parent
        node.save()
        if values is not None:
            node.defining_values.set(list(values))
        if moved or wanted["slug"] != before["slug"]:
            _sync_paths(node, old_path)
        changes = _diff(before, _node_state(node))
        if not changes:
            return None
        if action == Action.EDITED and "parent" in changes:
            action = Action.MOVED
        return _record(node, user, action, changes, reason, reverts)


def retire_node(node, *, user, reason="", reverts=None):
    """Hide a node from browsing and search; it keeps its path and history and can be restored."""
    with transaction.atomic():
        lock_tree()
        node = TaxonomyNode.objects.get(pk=node.pk)
        if node.is_retired:
            raise ValidationError("This node is already retired.")
        if node.parent_id is None:
            raise ValidationError("The root of the taxonomy cannot be retired.")
        if node.get_children().filter(retired_at__isnull=True).exists():
            raise ValidationError("Move or retire this node’s children first.")
        node.retired_at = timezone.now()
        node.save(update_fields=["retired_at", "updated_at"])
        return _record(node, user, Action.RETIRED, {"retired": [False, True]}, reason, reverts)


def restore_node(node, *, user, reason="", reverts=None):
    with transaction.atomic():
        lock_tree()
        node = TaxonomyNode.objects.select_related("parent").get(pk=node.pk)
        if not node.is_retired:
            raise ValidationError("This node is not retired.")
        if node.parent and node.parent.is_retired:
            raise ValidationError(f"Restore “{node.parent.name}” first: this node sits under it.")
        node.retired_at = None
        node.save(update_fields=["retired_at", "updated_at"])
        return _record(node, user, Action.RESTORED, {"retired": [True, False]}, reason, reverts)


def place_node(node, target, position, *, user, reason=""):
    """Drag-and-drop in the admin: put ``node`` as last child of ``target`` ("last-child") or just
    before/after it ("left"/"right"), renumbering the siblings' order to match."""
    with transaction.atomic():
        lock_tree()
        node = TaxonomyNode.objects.get(pk=node.pk)
        target = TaxonomyNode.objects.get(pk=target.pk)
        if target.parent_id is None and position not in ("first-child", "last-child"):
            raise ValidationError("Only the root sits at the top of the tree.")
        parent = target if position in ("first-child", "last-child") else target.parent
        siblings = [s for s in (parent.get_children() if parent else []) if s.pk != node.pk]
        if position in ("first-child", "last-child"):
            index = 0 if position == "first-child" else len(siblings)
        else:
            index = next(i for i, s in enumerate(siblings) if s.pk == target.pk)
            index += 1 if position == "right" else 0
        siblings.insert(index, node)
        for number, sibling in enumerate(siblings):
            if sibling.pk != node.pk and sibling.order != number * 10:
                # Recorded (and versioned) like any change, so an edit form open on the sibling
                # merges with the new order instead of putting the old one back.
                TaxonomyNode.objects.filter(pk=sibling.pk).update(order=number * 10)
                _record(sibling, user, Action.EDITED, {"order": [sibling.order, number * 10]},
                        f"Renumbered when “{node.name}” was placed beside it")
        return update_node(node, user=user, reason=reason, parent=parent, order=index * 10)


# --- Examples -------------------------------------------------------------------------------


def _check_example(example, fields):
    errors = {}
    if not SLUG_RE.match(fields.get("slug") or ""):
        errors["slug"] = "Use lowercase letters, digits and single hyphens, like “zuzalu-2023”."
    elif Example.objects.filter(slug=fields["slug"]).exclude(pk=example.pk).exists():
        errors["slug"] = f"Another example already uses the slug “{fields['slug']}”."
    start, end = fields.get("start_date"), fields.get("end_date")
    if start and end and start > end:
        errors["end_date"] = "The end date is before the start date."
    nodes = fields.get("nodes") or []
    if any(node.is_retired for node in nodes):
        errors["nodes"] = "Classify examples under active nodes only."
    values = fields.get("facet_values") or []
    if any(value.is_retired for value in values):
        errors["facet_values"] = "Describe examples with active facet values only."
    country = fields.get("country") or ""
    if country and country not in gazetteer.countries():
        errors["country"] = f"“{country}” is not an ISO 3166 country code, like “TH”."
    lat, lon = fields.get("latitude"), fields.get("longitude")
    if (lat is None) != (lon is None):
        errors["longitude"] = "Give both latitude and longitude, or neither."
    elif lat is not None and not (-90 <= lat <= 90 and -180 <= lon <= 180):
        errors["latitude"] = "Latitude is between −90 and 90, longitude between −180 and 180."
    for number, citation in enumerate(fields.get("citations") or [], start=1):
        if citation.get("fact") not in Fact.values:
            errors["citations"] = f"Source {number}: choose which fact it supports."
        elif not str(citation.get("url") or "").startswith(("http://", "https://")):
            errors["citations"] = f"Source {number}: give its web address (https://…)."
    if errors:
        raise ValidationError(errors)


def save_example(example, *, user, reason="", action=None, reverts=None, expected_version=None,
                 batch=None, **fields):
    """Create (``example.pk`` is None) or change an example. ``nodes`` is a list of nodes.
    Returns the example, or None when nothing changed.

    ``expected_version`` works as for ``update_node``: a stale edit merges or raises
    EditConflict."""
    with transaction.atomic():
        creating = example.pk is None
        if not creating:
            example = Example.objects.select_for_update().get(pk=example.pk)
        before = {} if creating else _example_state(example)
        if not creating:
            fields = _merge_stale(example, before, expected_version, fields)
        nodes = fields.pop("nodes", None)
        if nodes is None:
            nodes = list(example.nodes.all()) if not creating else []
        values = fields.pop("facet_values", None)
        if values is None:
            values = list(example.facet_values.all()) if not creating else []
        citations = fields.pop("citations", None)
        if citations is not None:
            citations = [_citation_state(citation) for citation in citations]
        wanted = {**{k: getattr(example, k) for k in EXAMPLE_FIELDS if k not in EXAMPLE_RELATED},
                  **fields}
        if wanted.get("country"):
            wanted["country"] = wanted["country"].upper()
        for name in ("latitude", "longitude"):
            if wanted.get(name) is not None:
                wanted[name] = Decimal(str(wanted[name])).quantize(Decimal("0.00001"))
        _check_example(
            example,
            {**wanted, "nodes": nodes, "facet_values": values, "citations": citations or []},
        )
        for name, value in wanted.items():
            setattr(example, name, value)
        if creating or example.description != before.get("description"):
            example.refresh_html()
        example.save()
        example.nodes.set(nodes)
        example.facet_values.set(values)
        if citations is not None and citations != before.get("citations"):
            _replace_citations(example, citations)
        changes = _diff(
            before, _example_state(example, [n.pk for n in nodes], [v.pk for v in values])
        )
        if not changes:
            return None
        action = action or (Action.CREATED if creating else Action.EDITED)
        _record(example, user, action, changes, reason, reverts, batch)
        return example


def _replace_citations(example, citations):
    example.citations.all().delete()
    Citation.objects.bulk_create(
        Citation(
            example=example,
            order=number,
            **{**citation, "accessed": _date(citation.get("accessed"))},
        )
        for number, citation in enumerate(citations)
    )


def _date(value):
    return date.fromisoformat(value) if isinstance(value, str) and value else value or None


def retire_example(example, *, user, reason="", reverts=None):
    with transaction.atomic():
        example = Example.objects.select_for_update().get(pk=example.pk)
        if example.is_retired:
            raise ValidationError("This example is already retired.")
        example.retired_at = timezone.now()
        example.save(update_fields=["retired_at", "updated_at"])
        return _record(example, user, Action.RETIRED, {"retired": [False, True]}, reason, reverts)


def restore_example(example, *, user, reason="", reverts=None, batch=None):
    with transaction.atomic():
        example = Example.objects.select_for_update().get(pk=example.pk)
        if not example.is_retired:
            raise ValidationError("This example is not retired.")
        example.retired_at = None
        example.save(update_fields=["retired_at", "updated_at"])
        return _record(example, user, Action.RESTORED, {"retired": [True, False]}, reason, reverts,
                       batch)


# --- Revert ---------------------------------------------------------------------------------


def revert(change, *, user, reason=""):
    """Undo one recorded change by making a new one; refused with a message if the tree has moved
    on so that the old values no longer fit (for instance the old parent was retired)."""
    reason = reason or f"Revert change #{change.pk}"
    target = change.target
    if isinstance(target, (Facet, FacetValue)):
        from .facets import revert as revert_facet

        return revert_facet(change, user=user, reason=reason)
    if "retired" in change.changes:
        was_retired = change.changes["retired"][0]
        if isinstance(target, TaxonomyNode):
            undo = retire_node if was_retired else restore_node
        else:
            undo = retire_example if was_retired else restore_example
        return undo(target, user=user, reason=reason, reverts=change)
    if change.action == Action.CREATED:
        undo = retire_node if isinstance(target, TaxonomyNode) else retire_example
        return undo(target, user=user, reason=reason, reverts=change)
    old = {name: values[0] for name, values in change.changes.items()}
    for name in ("defining_values", "facet_values"):
        if name in old:
            old[name] = list(FacetValue.objects.filter(pk__in=[ref["id"] for ref in old[name]]))
    if isinstance(target, TaxonomyNode):
        if "parent" in old:
            ref = old["parent"]
            old["parent"] = TaxonomyNode.objects.filter(pk=ref["id"]).first() if ref else None
            if ref and old["parent"] is None:
                raise ValidationError("The node’s former parent no longer exists.")
        return update_node(
            target, user=user, reason=reason, action=Action.REVERTED, reverts=change, **old
        )
    if "nodes" in old:
        old["nodes"] = list(TaxonomyNode.objects.filter(pk__in=[ref["id"] for ref in old["nodes"]]))
    for name in ("start_date", "end_date"):
        if old.get(name):
            old[name] = date.fromisoformat(old[name])
    return save_example(
        target, user=user, reason=reason, action=Action.REVERTED, reverts=change, **old
    )
