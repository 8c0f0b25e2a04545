"""Facet vocabularies: create, edit, retire and restore facets and their values, each in one
transaction with its history entry (``Change`` with ``facet`` or ``facet_value`` set), and
revert. Like nodes, facets and values are retired, never deleted, so examples and history that
name them stay readable; a retired value is hidden from forms and filters.

Bad input raises ``ValidationError`` keyed by field before anything is written; edits carry the
version read (``expected_version``) and merge or raise ``EditConflict`` as nodes do.
"""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from .editing import SLUG_RE, _diff, _merge_stale, _record
from .models import Action, Facet, FacetValue

FACET_FIELDS = ["name", "slug", "description", "order"]
VALUE_FIELDS = ["name", "slug", "description", "order"]


def _state(target, fields):
    return {name: getattr(target, name) for name in fields}


def _check(target, fields, siblings):
    errors = {}
    if not (fields.get("name") or "").strip():
        errors["name"] = "Give it a name."
    slug = fields.get("slug") or ""
    if not SLUG_RE.match(slug):
        errors["slug"] = "Use lowercase letters, digits and single hyphens, like “shared-treasury”."
    elif siblings.filter(slug=slug).exclude(pk=target.pk).exists():
        errors["slug"] = f"“{slug}” is already used here."
    if errors:
        raise ValidationError(errors)


def create_facet(*, user, reason="", **fields):
    with transaction.atomic():
        facet = Facet(**fields)
        _check(facet, fields, Facet.objects.all())
        facet.save()
        _record(facet, user, Action.CREATED, _diff({}, _state(facet, FACET_FIELDS)), reason)
        return facet


def create_value(facet, *, user, reason="", **fields):
    with transaction.atomic():
        facet = Facet.objects.select_for_update().get(pk=facet.pk)
        if facet.is_retired:
            raise ValidationError(f"“{facet.name}” is retired; restore it first.")
        value = FacetValue(facet=facet, **fields)
        _check(value, fields, facet.values.all())
        value.save()
        _record(value, user, Action.CREATED, _diff({}, _state(value, VALUE_FIELDS)), reason)
        return value


def _update(target, fields_list, siblings, *, user, reason, action, reverts, expected_version,
            fields):
    model = type(target)
    with transaction.atomic():
        target = model.objects.select_for_update().get(pk=target.pk)
        before = _state(target, fields_list)
        fields = _merge_stale(target, before, expected_version, fields)
        wanted = {**before, **{k: v for k, v in fields.items() if k in fields_list}}
        _check(target, wanted, siblings(target))
        for name, value in wanted.items():
            setattr(target, name, value)
        target.save()
        changes = _diff(before, _state(target, fields_list))
        if not changes:
            return None
        return _record(target, user, action, changes, reason, reverts)


def update_facet(facet, *, user, reason="", action=Action.EDITED, reverts=None,
                 expected_version=None, **fields):
    """Change any of FACET_FIELDS; returns the Change, or None when nothing changed."""
    return _update(facet, FACET_FIELDS, lambda f: Facet.objects.all(), user=user, reason=reason,
                   action=action, reverts=reverts, expected_version=expected_version,
                   fields=fields)


def update_value(value, *, user, reason="", action=Action.EDITED, reverts=None,
                 expected_version=None, **fields):
    """Change any of VALUE_FIELDS; returns the Change, or None when nothing changed."""
    return _update(value, VALUE_FIELDS, lambda v: v.facet.values.all(), user=user,
                   reason=reason, action=action, reverts=reverts,
                   expected_version=expected_version, fields=fields)


def _set_retired(target, retired, *, user, reason="", reverts=None):
    model = type(target)
    with transaction.atomic():
        target = model.objects.select_for_update().get(pk=target.pk)
        if target.is_retired == retired:
            raise ValidationError(
                f"“{target.name}” is {'already' if retired else 'not'} retired."
            )
        if not retired and isinstance(target, FacetValue) and target.facet.is_retired:
            raise ValidationError(f"Restore “{target.facet.name}” first.")
        target.retired_at = timezone.now() if retired else None
        target.save(update_fields=["retired_at"])
        action = Action.RETIRED if retired else Action.RESTORED
        return _record(target, user, action, {"retired": [not retired, retired]}, reason, reverts)


def retire(target, *, user, reason="", reverts=None):
    """Retire a facet or a value: hidden from forms and filters, kept on examples' history."""
    return _set_retired(target, True, user=user, reason=reason, reverts=reverts)


def restore(target, *, user, reason="", reverts=None):
    return _set_retired(target, False, user=user, reason=reason, reverts=reverts)


def revert(change, *, user, reason=""):
    """Undo one recorded change to a facet or value by making a new one."""
    target = change.target
    if "retired" in change.changes:
        undo = retire if change.changes["retired"][0] else restore
        return undo(target, user=user, reason=reason, reverts=change)
    if change.action == Action.CREATED:
        return retire(target, user=user, reason=reason, reverts=change)
    old = {name: values[0] for name, values in change.changes.items()}
    update = update_facet if isinstance(target, Facet) else update_value
    return update(target, user=user, reason=reason, action=Action.REVERTED, reverts=change, **old)
