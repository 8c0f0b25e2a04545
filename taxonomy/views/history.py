"""The record of changes: all of them, or one node's or example's, and revert (a new change)."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from .. import editing
from ..forms import ReasonForm
from ..models import Change, Example, TaxonomyNode
from ..permissions import can_edit, can_view
from ..sources import annotate
from .edit import editor_required

PER_PAGE = 30


def render_changes(request, changes, subject=None, title=""):
    """A page of ``changes`` with revert buttons for Editors: a fixed number of queries."""
    changes = changes.select_related("user", "node", "example", "facet", "facet_value__facet")
    page_obj = Paginator(changes, PER_PAGE).get_page(request.GET.get("page"))
    return render(
        request,
        "taxonomy/history.html",
        {
            "page_obj": page_obj,
            "changes": annotate(page_obj.object_list),
            "subject": subject,
            "title": title,
            "can_edit": can_edit(request.user),
        },
    )


_render = render_changes


def all_changes(request):
    changes = Change.objects.all()
    if not can_edit(request.user):
        changes = changes.exclude(node__retired_at__isnull=False).exclude(
            example__retired_at__isnull=False
        )
    return _render(request, changes)


def node_history(request, pk):
    node = get_object_or_404(TaxonomyNode, pk=pk)
    if not can_view(request.user, node):
        raise Http404("No taxonomy node here.")
    return _render(request, node.changes.all(), node)


def example_history(request, slug):
    example = get_object_or_404(Example, slug=slug)
    if not can_view(request.user, example):
        raise Http404("No example here.")
    return _render(request, example.changes.all(), example)


@require_POST
@editor_required
def revert(request, pk):
    change = get_object_or_404(
        Change.objects.select_related("node", "example", "facet", "facet_value"), pk=pk
    )
    form = ReasonForm(request.POST)
    reason = form.cleaned_data["reason"] if form.is_valid() else ""
    try:
        done = editing.revert(change, user=request.user, reason=reason)
    except ValidationError as error:
        messages.error(request, "This change cannot be reverted: " + " ".join(error.messages))
    else:
        if done:
            messages.success(request, f"Change #{change.pk} was reverted.")
        else:
            messages.info(request, "Nothing to revert: the values are already as they were.")
    target = change.target
    if change.node_id:
        return redirect("taxonomy:node_history", target.pk)
    if change.example_id:
        return redirect("taxonomy:example_history", target.slug)
    return redirect("taxonomy:facet_history")
