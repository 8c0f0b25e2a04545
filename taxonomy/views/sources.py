"""Editing an example's sources: its citations, each supporting one fact, saved together through
``taxonomy.editing.save_example`` so the whole list is one recorded (and revertible) change."""

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render

from network_societies.merging import EditConflict

from .. import editing
from ..forms import ReasonField, version_field
from ..models import Citation, Example, Fact
from .edit import editor_required

EXTRA_ROWS = 2


class CitationForm(forms.ModelForm):
    url = forms.URLField(label="Web address", max_length=500, assume_scheme="https")

    class Meta:
        model = Citation
        fields = ["fact", "url", "title", "accessed", "quote"]
        widgets = {
            "accessed": forms.DateInput(attrs={"type": "date"}),
            "quote": forms.Textarea(attrs={"rows": 2}),
        }
        labels = {"fact": "Supports", "accessed": "Accessed on", "quote": "Quote"}
        help_texts = {"quote": "Optional: the words that state the fact."}

    def _post_clean(self):
        pass  # rows are saved by the service, not as model instances


class BaseCitationFormSet(forms.BaseFormSet):
    def citations(self):
        """The filled, not deleted rows as dicts for the service, in the order given."""
        return [
            {name: form.cleaned_data.get(name) for name in editing.CITATION_FIELDS}
            for form in self.forms
            if form.cleaned_data and not form.cleaned_data.get("DELETE")
            and form.cleaned_data.get("url")
        ]


CitationFormSet = forms.formset_factory(
    CitationForm, formset=BaseCitationFormSet, extra=EXTRA_ROWS, can_delete=True, max_num=100,
    validate_max=True,
)


class SourcesMetaForm(forms.Form):
    reason = ReasonField()
    version = version_field()


@editor_required
def edit_sources(request, slug):
    example = get_object_or_404(Example, slug=slug)
    initial = [
        {name: getattr(citation, name) for name in editing.CITATION_FIELDS}
        for citation in example.citations.order_by("order", "pk")
    ]
    fact = request.GET.get("fact")
    formset = CitationFormSet(request.POST or None, initial=initial, prefix="citation")
    if fact in Fact.values and not request.POST:
        formset.forms[len(initial)].initial = {"fact": fact}
    meta = SourcesMetaForm(request.POST or None, initial={"version": example.version})
    conflict = False
    if request.method == "POST" and formset.is_valid() and meta.is_valid():
        try:
            editing.save_example(
                example, user=request.user, reason=meta.cleaned_data["reason"],
                expected_version=meta.cleaned_data["version"],
                citations=formset.citations(),
            )
        except EditConflict:
            conflict = True
            example.refresh_from_db()
            data = request.POST.copy()
            data["version"] = str(example.version)
            meta = SourcesMetaForm(data)
            meta.is_valid()
        except ValidationError as error:
            for message in error.messages:
                formset._non_form_errors = formset.error_class([message])
        else:
            messages.success(request, f"The sources of “{example.name}” were saved.")
            return redirect(example.get_absolute_url() + "#sources")
    return render(request, "taxonomy/example_sources.html", {
        "example": example, "formset": formset, "meta": meta, "conflict": conflict,
        "current": list(example.citations.order_by("order", "pk")) if conflict else [],
    }, status=409 if conflict else 200)
