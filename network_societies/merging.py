"""Concurrent edits of one record, merged field by field (three-way, like version control).

Every edit form carries the version of the record it was read at. When a save arrives against a
newer version, the service calling ``merge_fields`` knows three values of each field the person
sent: ``base`` (as they read it), ``theirs`` (as saved meanwhile) and ``mine`` (as they sent it).

- a field only one side changed takes that side's value;
- a field both sides changed to the same value is simply kept;
- a multi-line text both sides changed is merged line by line, if the changes touch different
  lines;
- a set (tags, the nodes an example is classified under) both sides changed gets both sides'
  additions and removals;
- anything else is a conflict: nothing is saved, and ``EditConflict`` carries both values so the
  person sees them, with their own input kept in the form.

Wiki pages, taxonomy nodes and examples, and forum posts all merge through this one module, so
"no acknowledged change is lost" is one piece of code with one set of tests. Values are compared
as given: callers pass plain comparable values (ids, not model instances; sorted lists for sets).
"""

from dataclasses import dataclass, field

import merge3


@dataclass(frozen=True)
class FieldConflict:
    """One field both sides changed differently."""

    name: str
    base: object
    theirs: object
    mine: object
    merged_text: str = ""  # for text fields: both versions with git-style conflict markers


@dataclass(frozen=True)
class Merge:
    values: dict  # what to save: the person's values, with theirs where only they changed
    conflicts: tuple = ()
    merged: bool = False  # someone else's change was folded in

    @property
    def clean(self):
        return not self.conflicts


class EditConflict(Exception):
    """Someone saved since the form was read and changed the same fields; nothing was saved.

    ``values`` is what the form should show again: the person's own values for the conflicting
    fields, the merge of both sides for the others, so saving again (now based on ``version``)
    loses nobody's change unless the person chooses to.
    """

    def __init__(self, *, conflicts, values, version, by=None, at=None):
        names = ", ".join(c.name for c in conflicts)
        super().__init__(f"Changed meanwhile by someone else: {names}.")
        self.conflicts = tuple(conflicts)
        self.values = values
        self.version = version  # the version now saved, which a retry is based on
        self.by = by  # who saved it (a user, or None for an import or script)
        self.at = at  # when


def merge_texts(base, theirs, mine):
    """Three-way line merge; returns (text, clean). Conflicts are marked as git marks them."""
    m = merge3.Merge3(base.splitlines(True), theirs.splitlines(True), mine.splitlines(True))
    lines = list(m.merge_lines(
        name_a="their version", name_b="your version",
        start_marker="<<<<<<<", mid_marker="=======", end_marker=">>>>>>>",
    ))
    clean = not any(region[0] == "conflict" for region in m.merge_regions())
    return "".join(lines), clean


def merge_fields(base, theirs, mine, *, text_fields=(), set_fields=()):
    """Merge ``mine`` (the fields a person sent) into ``theirs`` (what is saved now), both
    changed from ``base``. Returns a ``Merge``; fields absent from ``base`` count as unchanged
    by the person only if equal to ``theirs``. Values of ``set_fields`` are sorted lists."""
    values, conflicts = {}, []
    for name, my_value in mine.items():
        their_value = theirs.get(name, my_value)
        base_value = base.get(name, their_value)
        if my_value in (base_value, their_value):
            values[name] = their_value
        elif their_value == base_value:
            values[name] = my_value
        elif name in set_fields:
            base_set, my_set = set(base_value or ()), set(my_value or ())
            values[name] = sorted(
                (set(their_value or ()) - (base_set - my_set)) | (my_set - base_set)
            )
        elif name in text_fields and all(
            isinstance(v, str) for v in (base_value, their_value, my_value)
        ):
            text, clean = merge_texts(base_value, their_value, my_value)
            values[name] = text if clean else my_value
            if not clean:
                conflicts.append(FieldConflict(name, base_value, their_value, my_value, text))
        else:
            values[name] = my_value
            conflicts.append(FieldConflict(name, base_value, their_value, my_value))
    merged = any(values[name] != my_value for name, my_value in mine.items())
    return Merge(values=values, conflicts=tuple(conflicts), merged=merged)


# --- Forms ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class ConflictRow:
    """A conflicting field as the conflict screen shows it."""

    name: str
    label: str
    theirs: str
    mine: str
    long: bool  # multi-line text, shown as blocks rather than inline
    merged_text: str = ""
    extra: dict = field(default_factory=dict)


class VersionedForm:
    """A mixin for edit forms that carry the version they were read at (``version_field``).

    After an ``EditConflict``, ``keep_after_conflict`` rebinds the form to the values to show
    again (the person's own for conflicting fields, merged for the rest) and the version saved
    meanwhile, so the next save is based on what the person has now seen. The conflict screen
    (``includes/edit_conflict.html``) reads ``form.conflict`` and ``form.conflict_rows``.
    """

    version_field = "version"
    conflict = None

    def keep_after_conflict(self, conflict, *, message=False):
        self.conflict = conflict
        data = self.data.copy()
        for name, value in conflict.values.items():
            if name not in self.fields or self.fields[name].disabled:
                continue
            if isinstance(value, (list, tuple)) and hasattr(data, "setlist") and _is_multiple(
                self, name
            ):
                data.setlist(self.add_prefix(name), [str(v) for v in value])
            else:
                data[self.add_prefix(name)] = _as_form_value(value)
        data[self.add_prefix(self.version_field)] = str(conflict.version)
        self.data = data
        self._errors = None  # validate the new data, so cleaned_data matches what is shown
        self.full_clean()
        if message:  # where the conflict screen is not shown (the admin): say it in the form
            self.add_error(None, conflict_message(self, conflict))

    @property
    def conflict_rows(self):
        return conflict_rows(self, self.conflict) if self.conflict else []


def conflict_message(form, conflict):
    who = conflict.by.get_username() if conflict.by else "someone else"
    fields = "; ".join(
        f"{row.label}: now “{_short(row.theirs)}”, yours “{_short(row.mine)}”"
        for row in conflict_rows(form, conflict)
    )
    return (f"This was changed by {who} while you were editing, in the same fields as you "
            f"({fields}). Nothing was saved; your values are kept below and the other changes "
            "merged in. Save again to keep yours.")


def _short(text, limit=80):
    return text if len(text) <= limit else text[: limit - 1] + "…"


def conflict_rows(form, conflict):
    """The conflicting fields, labelled and shown as a person reads them."""
    rows = []
    for item in conflict.conflicts:
        form_field = form.fields.get(item.name)
        label = (form_field.label if form_field and form_field.label else
                 item.name.replace("_", " ").capitalize())
        theirs, mine = (_display(form_field, v) for v in (item.theirs, item.mine))
        rows.append(ConflictRow(
            name=item.name, label=label, theirs=theirs, mine=mine,
            long="\n" in theirs or "\n" in mine or len(theirs) + len(mine) > 160,
            merged_text=item.merged_text,
        ))
    return rows


def _is_multiple(form, name):
    from django.forms import ModelMultipleChoiceField, MultipleChoiceField

    return isinstance(form.fields[name], (MultipleChoiceField, ModelMultipleChoiceField))


def _as_form_value(value):
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (list, tuple)):
        return ", ".join(str(v) for v in value)
    return str(value)


def _display(form_field, value):
    """A value as a person reads it: choice labels, names of chosen objects, Yes/No."""
    from django.forms import ModelChoiceField

    if value is None or value == "" or value == []:
        return "(empty)"
    if isinstance(value, bool):
        return "Yes" if value else "No"
    if isinstance(form_field, ModelChoiceField):
        ids = value if isinstance(value, (list, tuple)) else [value]
        found = {o.pk: o for o in form_field.queryset.model._default_manager.filter(pk__in=ids)}
        names = [form_field.label_from_instance(found[i]).strip() if i in found else f"#{i}"
                 for i in ids]
        return ", ".join(names) or "(none)"
    if isinstance(value, (list, tuple)):
        return ", ".join(str(v) for v in value)
    choices = dict(getattr(form_field, "choices", None) or [])
    return str(choices.get(value, value))
