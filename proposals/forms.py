"""One form per kind of proposal, plus the vote and the Editors' decision forms.

The change's fields reuse the taxonomy's own forms (labels, widgets, page-path checks); the
tree-wide rules are checked by ``proposals.kinds`` through the taxonomy services.
"""

from django import forms

from markup.widgets import MarkdownEditor
from taxonomy.forms import ExampleForm, NodeChoiceField, NodeMultipleChoiceField
from taxonomy.models import TaxonomyNode

from . import conf
from .kinds import EXAMPLE_FACTS, NODE_FACTS
from .kinds.base import example_fact
from .models import Kind, Position


def categories():
    return TaxonomyNode.objects.active().filter(level__gte=1).order_by("tree_id", "lft")


class ProposalFields(forms.Form):
    """What every proposal asks: why, and how long the vote lasts."""

    why = forms.CharField(
        label="Why", max_length=5000, widget=forms.Textarea(attrs={"rows": 5}),
        help_text="Your argument, posted in the discussion thread. Markdown; @mention people "
                  "to tell them.",
    )
    days = forms.IntegerField(label="Voting lasts (days)")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        shortest, default, longest = conf.voting_days()
        self.fields["days"].initial = default
        self.fields["days"].widget.attrs.update(min=shortest, max=longest)
        self.fields["days"].help_text = f"Between {shortest} and {longest} days."

    def clean_days(self):
        days = self.cleaned_data["days"]
        shortest, _, longest = conf.voting_days()
        if not shortest <= days <= longest:
            raise forms.ValidationError(f"Choose between {shortest} and {longest} days.")
        return days


class NodeFactsForm(forms.ModelForm):
    """A category's facts as the taxonomy's own form labels them; nothing is saved from here."""

    class Meta:
        model = TaxonomyNode
        fields = NODE_FACTS
        labels = {"size_min": "Smallest typical size", "size_max": "Largest typical size"}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["description"].widget = MarkdownEditor()

    def _post_clean(self):
        pass  # the taxonomy service checks the change, under its lock, in the dry run


class AddCategoryForm(NodeFactsForm):
    parent = NodeChoiceField(queryset=TaxonomyNode.objects.none(), label="Under")

    class Meta(NodeFactsForm.Meta):
        fields = ["parent", *NODE_FACTS, "slug"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["parent"].queryset = TaxonomyNode.objects.active().order_by("tree_id", "lft")
        self.fields["slug"].required = False
        self.fields["slug"].help_text = "Part of the address; made from the name if left empty."


class EditNodeForm(NodeFactsForm):
    pass


class MoveNodeForm(forms.Form):
    parent = NodeChoiceField(queryset=TaxonomyNode.objects.none(), label="Move it under")

    def __init__(self, *args, node, **kwargs):
        super().__init__(*args, **kwargs)
        # Every active node: a choice under the node itself is refused by the taxonomy service
        # with a message that says why, rather than "not one of the available choices".
        self.fields["parent"].queryset = TaxonomyNode.objects.active().order_by("tree_id", "lft")
        if node.parent_id:
            self.fields["parent"].help_text = (
                f"“{node.name}” is now under {node.parent.name}; everything under it moves too."
            )


class MergeNodeForm(forms.Form):
    into = NodeChoiceField(
        queryset=TaxonomyNode.objects.none(), label="Merge it into",
        help_text="Its examples, threads and addresses move to this category; it is retired.",
    )

    def __init__(self, *args, node, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["into"].queryset = categories().exclude(pk=node.pk)


class RetireNodeForm(forms.Form):
    pass


class AddExampleForm(ExampleForm):
    class Meta(ExampleForm.Meta):
        fields = [*EXAMPLE_FACTS, "slug", "nodes"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        del self.fields["reason"], self.fields["version"]
        self.fields["slug"].required = False
        self.fields["slug"].help_text = "Part of the address; made from the name if left empty."
        self.fields["nodes"].required = True


class EditExampleForm(ExampleForm):
    class Meta(ExampleForm.Meta):
        fields = EXAMPLE_FACTS

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        del self.fields["reason"], self.fields["version"], self.fields["nodes"]


class ReclassifyExampleForm(forms.Form):
    nodes = NodeMultipleChoiceField(
        queryset=TaxonomyNode.objects.none(), label="Classified under",
        widget=forms.CheckboxSelectMultiple, required=False,
    )

    def __init__(self, *args, example, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["nodes"].queryset = categories()
        if not self.is_bound:
            self.initial["nodes"] = list(example.nodes.values_list("pk", flat=True))


CHANGE_FORMS = {
    Kind.ADD_CATEGORY: AddCategoryForm,
    Kind.EDIT_NODE: EditNodeForm,
    Kind.MOVE_NODE: MoveNodeForm,
    Kind.MERGE_NODE: MergeNodeForm,
    Kind.RETIRE_NODE: RetireNodeForm,
    Kind.ADD_EXAMPLE: AddExampleForm,
    Kind.RECLASSIFY_EXAMPLE: ReclassifyExampleForm,
    Kind.EDIT_EXAMPLE: EditExampleForm,
}
NEEDS = {
    Kind.EDIT_NODE: "node", Kind.MOVE_NODE: "node", Kind.MERGE_NODE: "node",
    Kind.RETIRE_NODE: "node", Kind.RECLASSIFY_EXAMPLE: "example", Kind.EDIT_EXAMPLE: "example",
}


def change_form(kind, data=None, *, node=None, example=None):
    """The form for ``kind``'s change, bound to ``data`` (None: unbound, prefilled)."""
    form_class = CHANGE_FORMS[kind]
    if kind == Kind.ADD_CATEGORY:
        return form_class(data, initial={"parent": node.pk} if node else {})
    if kind == Kind.EDIT_NODE:
        initial = {name: getattr(node, name) for name in NODE_FACTS}
        return form_class(data, initial=initial)
    if kind in (Kind.MOVE_NODE, Kind.MERGE_NODE):
        return form_class(data, node=node)
    if kind == Kind.ADD_EXAMPLE:
        return form_class(data, initial={"nodes": [node.pk]} if node else {})
    if kind == Kind.EDIT_EXAMPLE:
        return form_class(data, initial={name: example_fact(example, name)
                                         for name in EXAMPLE_FACTS})
    if kind == Kind.RECLASSIFY_EXAMPLE:
        return form_class(data, example=example)
    return form_class(data)


class VoteForm(forms.Form):
    position = forms.ChoiceField(
        choices=Position.choices, widget=forms.RadioSelect, label="Your position",
        error_messages={"required": "Choose agree, abstain, disagree or block."},
    )
    reason = forms.CharField(
        required=False, max_length=500, label="Reason",
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text="Shown with your vote. A block should say what would change your mind.",
    )


class DecisionForm(forms.Form):
    action = forms.ChoiceField(choices=[("accept", "Accept"), ("extend", "Extend"),
                                        ("reject", "Reject")])
    note = forms.CharField(required=False, max_length=300, label="Reason")
    days = forms.IntegerField(required=False, label="Extend by (days)")


class FilterForm(forms.Form):
    status = forms.ChoiceField(required=False, label="Status", choices=[
        ("", "Open"), ("accepted", "Accepted"), ("rejected", "Rejected"), ("stale", "Stale"),
        ("all", "All"),
    ])
    kind = forms.ChoiceField(required=False, label="Kind", choices=[("", "Any kind"),
                                                                    *Kind.choices])
    node = NodeChoiceField(queryset=TaxonomyNode.objects.none(), required=False,
                           label="Category", empty_label="Any category")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Retired ones too: the proposal that retired a category is still worth finding.
        self.fields["node"].queryset = TaxonomyNode.objects.filter(level__gte=1).order_by(
            "tree_id", "lft")

