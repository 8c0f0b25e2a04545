"""Forms for editing nodes and examples, on the site and in the admin. Each form checks what a
person typed; the tree-wide rules (no cycles, unique slugs among siblings) are checked again by
``taxonomy.editing`` under the tree lock, and its messages land on the same fields.

Each form carries the version it was read at; a save against a newer version is merged by the
service, and a conflict keeps the person's input in the form (``VersionedForm``)."""

from django import forms
from django.core.validators import MaxValueValidator
from django.urls import reverse

from markup.widgets import MarkdownEditor
from network_societies.merging import VersionedForm
from network_societies.services import apply_change

from . import editing, gazetteer
from .models import Example, FacetValue, TaxonomyNode

# What the example form edits: everything a change records except the sources, which have their
# own page (``views.sources``) so that a long list of citations never crowds the facts.
EXAMPLE_FORM_FIELDS = [name for name in editing.EXAMPLE_FIELDS if name != "citations"]


def clean_page_path(value):
    from wiki.models import normalise_path, validate_page_path

    path = normalise_path(value)
    if path:
        validate_page_path(path)
    return path


ORDER_MAX = 2**31 - 1


class NodeChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, node):
        return "\u2003" * max(node.level - 1, 0) + node.name


class NodeMultipleChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, node):
        return f"{node.name} ({node.path.replace('/', ' › ')})" if node.path else node.name

    def _check_values(self, value):
        # Django looks the ids up with __in, which overflows on SQLite for a number too large to
        # be an id (a server error): such a choice is simply invalid.
        for pk in value:
            if str(pk).isascii() and str(pk).isdigit() and int(pk) > 2**63 - 1:
                raise forms.ValidationError(
                    self.error_messages["invalid_choice"], code="invalid_choice",
                    params={"value": pk},
                )
        return super()._check_values(value)


class FacetValuesField(forms.ModelMultipleChoiceField):
    """Facet values as checkboxes grouped by facet (optgroups)."""

    widget = forms.CheckboxSelectMultiple

    def __init__(self, **kwargs):
        super().__init__(queryset=FacetValue.objects.none(), required=False, **kwargs)

    def set_queryset(self):
        values = list(
            FacetValue.objects.filter(retired_at__isnull=True, facet__retired_at__isnull=True)
            .select_related("facet")
        )
        self.queryset = FacetValue.objects.filter(pk__in=[v.pk for v in values])
        groups = {}
        for value in values:
            groups.setdefault(value.facet.name, []).append((value.pk, value.name))
        self.choices = list(groups.items())

    def clean(self, value):
        # An empty string is "none chosen" (a form re-posted from its own values), not a choice.
        return super().clean([v for v in value or [] if v != ""])

    def _check_values(self, value):
        for pk in value:
            if str(pk).isascii() and str(pk).isdigit() and int(pk) > 2**63 - 1:
                raise forms.ValidationError(
                    self.error_messages["invalid_choice"], code="invalid_choice",
                    params={"value": pk},
                )
        return super()._check_values(value)


class ReasonField(forms.CharField):
    def __init__(self, **kwargs):
        super().__init__(
            required=False,
            max_length=300,
            label="Reason for the change",
            help_text="Optional; shown in the history.",
            **kwargs,
        )


def version_field():
    # Not required: a form posted without it (an old tab, a script) saves as before, unmerged.
    return forms.IntegerField(widget=forms.HiddenInput, min_value=0, required=False)


def normalise_newlines(text):
    """Browsers send CRLF; stored text uses LF, so merges compare like with like."""
    return text.replace("\r\n", "\n").replace("\r", "\n")


class ServiceForm(VersionedForm):
    """What NodeForm and ExampleForm share: saving through ``taxonomy.editing`` with the version
    read, refusals as form errors, a conflict kept in the form."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["description"].widget = MarkdownEditor()
        if self.instance.pk:
            self.initial.setdefault("version", self.instance.version)

    def clean_page_path(self):
        return clean_page_path(self.cleaned_data["page_path"])

    def clean_description(self):
        return normalise_newlines(self.cleaned_data["description"])

    def _post_clean(self):
        # The model's own validation would check uniqueness against the unsaved instance;
        # taxonomy.editing does the real checks under the lock.
        pass

    def save(self, user, *, conflict_message=False):
        """Create or change through taxonomy.editing; False (with errors, or with ``conflict``
        set and the form rebound) if refused."""

        def change():
            reason = self.cleaned_data.get("reason", "")
            self.instance = self.apply(user, reason) or self.instance

        return apply_change(self, change, conflict_message=conflict_message)


class NodeForm(ServiceForm, forms.ModelForm):
    defining_values = FacetValuesField(
        label="Defining facet values",
        help_text="What makes a network society belong to this category.",
    )
    parent = NodeChoiceField(
        queryset=TaxonomyNode.objects.none(),
        label="Parent",
        help_text="Choosing another parent moves this node and everything under it.",
    )
    reason = ReasonField()
    version = version_field()

    class Meta:
        model = TaxonomyNode
        fields = editing.NODE_FIELDS  # the fields a change records, and no others
        labels = {
            "size_min": "Smallest typical size",
            "size_max": "Largest typical size",
            "page_path": "Linked wiki page",
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        parents = TaxonomyNode.objects.active().order_by("tree_id", "lft")
        if self.instance.pk:
            parents = parents.exclude(
                tree_id=self.instance.tree_id,
                lft__gte=self.instance.lft,
                rght__lte=self.instance.rght,
            )
            if self.instance.parent_id is None:
                del self.fields["parent"]  # the root stays the root
        if "parent" in self.fields:
            self.fields["parent"].queryset = parents
        if "defining_values" in self.fields:
            self.fields["defining_values"].set_queryset()
        # The column is 32-bit on PostgreSQL: a larger number is a form error, not a DataError.
        order = self.fields["order"]
        order.max_value = ORDER_MAX
        order.validators.append(MaxValueValidator(ORDER_MAX))
        order.widget.attrs["max"] = ORDER_MAX

    def apply(self, user, reason):
        # NODE_FIELDS, not Meta.fields: the admin's form class lists its extra fields there too.
        data = {name: self.cleaned_data[name] for name in editing.NODE_FIELDS
                if name in self.cleaned_data}
        if "defining_values" in data:
            data["defining_values"] = list(data["defining_values"])
        if not self.instance.pk:
            parent = data.pop("parent", None)
            return editing.create_node(user=user, parent=parent, reason=reason, **data)
        editing.update_node(self.instance, user=user, reason=reason,
                            expected_version=self.cleaned_data.get("version"), **data)
        self.instance.refresh_from_db()
        return self.instance


class ExampleForm(ServiceForm, forms.ModelForm):
    nodes = NodeMultipleChoiceField(
        queryset=TaxonomyNode.objects.none(),
        required=False,
        label="Classified under",
        widget=forms.CheckboxSelectMultiple,
    )
    facet_values = FacetValuesField(label="Facets")
    website = forms.URLField(required=False, max_length=500, assume_scheme="https")
    country = forms.ChoiceField(
        required=False,
        help_text="Suggested from the place's city when left empty.",
    )
    reason = ReasonField()
    version = version_field()

    class Meta:
        model = Example
        fields = EXAMPLE_FORM_FIELDS
        widgets = {
            "start_date": forms.DateInput(attrs={"type": "date"}),
            "end_date": forms.DateInput(attrs={"type": "date"}),
            "place": forms.TextInput(attrs={"autocomplete": "off"}),
            "latitude": forms.NumberInput(attrs={"step": "0.00001", "min": -90, "max": 90}),
            "longitude": forms.NumberInput(attrs={"step": "0.00001", "min": -180, "max": 180}),
        }
        labels = {"page_path": "Linked wiki page", "size": "Size (people)"}
        help_texts = {
            "latitude": "Optional, in degrees (−90 to 90); filled from the city when left empty.",
            "longitude": "Optional, in degrees (−180 to 180).",
        }

    class Media:
        js = [forms.Script("js/places.js", defer=True)]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["nodes"].queryset = (
            TaxonomyNode.objects.active().filter(level__gte=1).order_by("tree_id", "lft")
        )
        self.fields["facet_values"].set_queryset()
        self.fields["place"].widget.attrs["data-gazetteer"] = reverse("taxonomy:places")
        self.fields["country"].choices = [("", "—")] + gazetteer.country_choices()

    def clean(self):
        data = super().clean()
        lat, lon = data.get("latitude"), data.get("longitude")
        if (lat is None) != (lon is None) and not self.has_error("latitude"):
            self.add_error("longitude", "Give both latitude and longitude, or neither.")
        place = data.get("place")
        if place and (not data.get("country") or lat is None and lon is None):
            # Fill what the gazetteer knows about the place, when the person left it empty.
            match = gazetteer.locate(place, data.get("country", ""))
            if match:
                data["country"] = data.get("country") or match["country"]
                if lat is None and lon is None and data["country"] == match["country"]:
                    data["latitude"], data["longitude"] = match["latitude"], match["longitude"]
        return data

    def apply(self, user, reason):
        data = {name: self.cleaned_data[name] for name in EXAMPLE_FORM_FIELDS}
        data["nodes"] = list(data["nodes"])
        data["facet_values"] = list(data["facet_values"])
        return editing.save_example(
            self.instance, user=user, reason=reason,
            expected_version=self.cleaned_data.get("version"), **data,
        )


class ReasonForm(forms.Form):
    """For retire, restore and revert: an optional reason."""

    reason = ReasonField()
