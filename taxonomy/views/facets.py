"""The facet vocabularies: everyone reads them (with how many examples carry each value);
Editors add, edit, retire and restore facets and values, each change recorded in the history
(``taxonomy.facets``) and revertible there."""

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Count, Q
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from network_societies.merging import EditConflict

from .. import facets
from ..forms import ReasonField, ReasonForm, version_field
from ..models import Change, Facet, FacetValue
from ..permissions import can_edit
from .edit import editor_required
from .history import render_changes


class FacetForm(forms.ModelForm):
    reason = ReasonField()
    version = version_field()

    class Meta:
        model = Facet
        fields = facets.FACET_FIELDS
        help_texts = {"slug": "Lowercase letters, digits and hyphens; used in filter links."}


class ValueForm(FacetForm):
    class Meta:
        model = FacetValue
        fields = facets.VALUE_FIELDS
        help_texts = {"slug": "Lowercase letters, digits and hyphens; used in filter links."}


def _save(request, form, create, update, target):
    """Create or update through the service; a refusal or conflict lands on the form."""
    if request.method != "POST" or not form.is_valid():
        return None
    data = {name: form.cleaned_data[name] for name in form.Meta.fields}
    reason = form.cleaned_data["reason"]
    try:
        if target is None:
            return create(user=request.user, reason=reason, **data)
        update(target, user=request.user, reason=reason,
               expected_version=form.cleaned_data.get("version"), **data)
        return target
    except ValidationError as error:
        for field, errors in error.message_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    except EditConflict as conflict:
        form.add_error(None, "Someone changed this while you were editing ("
                       + ", ".join(item.name for item in conflict.conflicts)
                       + "). Your values are kept; save again to keep them.")
        data = form.data.copy()
        data["version"] = str(conflict.version)
        form.data = data
    return None


def index(request):
    """All facets and their values, with how many active examples carry each (two queries)."""
    editor = can_edit(request.user)
    facet_list = Facet.objects.all() if editor else Facet.objects.filter(retired_at__isnull=True)
    values = FacetValue.objects.annotate(
        example_count=Count("examples", filter=Q(examples__retired_at__isnull=True))
    ).order_by("order", "name")
    if not editor:
        values = values.filter(retired_at__isnull=True)
    by_facet = {}
    for value in values:
        by_facet.setdefault(value.facet_id, []).append(value)
    groups = [(facet, by_facet.get(facet.pk, [])) for facet in facet_list]
    return render(request, "taxonomy/facets.html", {"groups": groups, "can_edit": editor})


@editor_required
def facet_form(request, pk=None):
    facet = get_object_or_404(Facet, pk=pk) if pk else None
    form = FacetForm(request.POST or None, instance=facet,
                     initial={"version": facet.version} if facet else None)
    saved = _save(request, form, facets.create_facet, facets.update_facet, facet)
    if saved:
        messages.success(request, f"“{saved.name}” was saved.")
        return redirect(saved.get_absolute_url())
    return render(request, "taxonomy/facet_form.html", {"form": form, "facet": facet,
                                                         "what": "facet"})


@editor_required
def value_form(request, facet_pk=None, pk=None):
    value = get_object_or_404(FacetValue.objects.select_related("facet"), pk=pk) if pk else None
    facet = value.facet if value else get_object_or_404(Facet, pk=facet_pk)
    form = ValueForm(request.POST or None, instance=value,
                     initial={"version": value.version} if value else None)

    def create(**fields):
        return facets.create_value(facet, **fields)

    saved = _save(request, form, create, facets.update_value, value)
    if saved:
        messages.success(request, f"“{saved.name}” was saved.")
        return redirect(saved.get_absolute_url())
    return render(request, "taxonomy/facet_form.html", {"form": form, "facet": facet,
                                                         "value": value, "what": "value"})


@require_POST
@editor_required
def retire_or_restore(request, kind, pk, action):
    if kind not in ("facet", "value") or action not in ("retire", "restore"):
        raise Http404("No such action.")
    model = Facet if kind == "facet" else FacetValue
    target = get_object_or_404(model, pk=pk)
    form = ReasonForm(request.POST)
    reason = form.cleaned_data["reason"] if form.is_valid() else ""
    service = facets.retire if action == "retire" else facets.restore
    try:
        service(target, user=request.user, reason=reason)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, f"“{target.name}” was {action}d.")
    return redirect(reverse("taxonomy:facets"))


def history(request):
    """Every change to the facet vocabularies."""
    changes = Change.objects.filter(Q(facet__isnull=False) | Q(facet_value__isnull=False))
    return render_changes(request, changes, title="History of the facets")
