"""Forms for editing nodes and examples from the web. Each form checks what a person typed; the
tree-wide rules (no cycles, unique slugs among siblings) are checked again by ``taxonomy.editing``
under the tree lock, and its messages land on the same fields."""

from django import forms
from django.core.exceptions import ValidationError

from . import editing
from .models import Example, TaxonomyNode


def markdown_widget():
    """The shared editor with toolbar and live preview (markup), or a plain text area."""
    try:
        from markup.widgets import MarkdownEditor
    except ImportError:  # the markup app's widget has not landed in this checkout
        return forms.Textarea(attrs={"rows": 8})
    return MarkdownEditor()


def clean_page_path(value):
    from wiki.models import normalise_path, validate_page_path

    path = normalise_path(value)
    if path:
        validate_page_path(path)
    return path


def add_errors(form, error):
    """Put the service's messages on the fields they name (or above the form)."""
    if hasattr(error, "error_dict"):
        for name, errors in error.error_dict.items():
            form.add_error(name if name in form.fields else None, errors)
    else:
        form.add_error(None, error)


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


class ReasonField(forms.CharField):
    def __init__(self, **kwargs):
        super().__init__(
            required=False,
            max_length=300,
            label="Reason for the change",
            help_text="Optional; shown in the history.",
            **kwargs,
        )


class NodeForm(forms.ModelForm):
    parent = NodeChoiceField(
        queryset=TaxonomyNode.objects.none(),
        label="Parent",
        help_text="Choosing another parent moves this node and everything under it.",
    )
    reason = ReasonField()

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
        self.fields["description"].widget = markdown_widget()
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

    def clean_page_path(self):
        return clean_page_path(self.cleaned_data["page_path"])

    def _post_clean(self):
        # The model's own validation would check uniqueness against the unsaved instance;
        # taxonomy.editing does the real checks under the lock.
        pass

    def save(self, user):
        """Create or change the node through taxonomy.editing; False (with errors) if refused."""
        data = {
            name: self.cleaned_data[name] for name in self.Meta.fields if name in self.cleaned_data
        }
        reason = self.cleaned_data.get("reason", "")
        try:
            if self.instance.pk:
                editing.update_node(self.instance, user=user, reason=reason, **data)
                self.instance.refresh_from_db()
            else:
                parent = data.pop("parent", None)
                self.instance = editing.create_node(user=user, parent=parent, reason=reason, **data)
        except ValidationError as error:
            add_errors(self, error)
            return False
        return True


class ExampleForm(forms.ModelForm):
    nodes = NodeMultipleChoiceField(
        queryset=TaxonomyNode.objects.none(),
        required=False,
        label="Classified under",
        widget=forms.CheckboxSelectMultiple,
    )
    website = forms.URLField(required=False, max_length=500, assume_scheme="https")
    reason = ReasonField()

    class Meta:
        model = Example
        fields = editing.EXAMPLE_FIELDS
        widgets = {
            "start_date": forms.DateInput(attrs={"type": "date"}),
            "end_date": forms.DateInput(attrs={"type": "date"}),
        }
        labels = {"page_path": "Linked wiki page", "size": "Size (people)"}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["description"].widget = markdown_widget()
        self.fields["nodes"].queryset = (
            TaxonomyNode.objects.active().filter(level__gte=1).order_by("tree_id", "lft")
        )

    def clean_page_path(self):
        return clean_page_path(self.cleaned_data["page_path"])

    def _post_clean(self):
        pass  # see NodeForm._post_clean

    def save(self, user):
        data = {name: self.cleaned_data[name] for name in self.Meta.fields}
        data["nodes"] = list(data["nodes"])
        try:
            self.instance = (
                editing.save_example(
                    self.instance, user=user, reason=self.cleaned_data.get("reason", ""), **data
                )
                or self.instance
            )
        except ValidationError as error:
            add_errors(self, error)
            return False
        return True


class ReasonForm(forms.Form):
    """For retire, restore and revert: an optional reason."""

    reason = ReasonField()
