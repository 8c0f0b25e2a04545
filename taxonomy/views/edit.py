"""Editing from the web, for Editors and Moderators: add and edit (which also moves, renames and
reorders) nodes and examples, retire and restore them. Every change goes through
``taxonomy.editing`` and lands in the history."""

from functools import wraps

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from .. import editing
from ..forms import ExampleForm, NodeForm, ReasonForm
from ..models import Example, TaxonomyNode
from ..permissions import can_edit


def editor_required(view):
    """Anonymous people are sent to log in; signed-in people who are not Editors get a 403."""

    @wraps(view)
    def wrapped(request, *args, **kwargs):
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        if not can_edit(request.user):
            raise PermissionDenied("Only Editors and Moderators change the taxonomy.")
        return view(request, *args, **kwargs)

    return wrapped


def _active_node(pk):
    """The active node a query string names (``?parent=3``); None for anything else."""
    pk = pk or ""
    if not (pk.isascii() and pk.isdigit()):
        return None
    return TaxonomyNode.objects.active().filter(pk=pk).first()


@editor_required
def node_add(request):
    parent = _active_node(request.GET.get("parent"))
    form = NodeForm(request.POST or None, initial={"parent": parent})
    if request.method == "POST" and form.is_valid() and form.save(request.user):
        messages.success(request, f"“{form.instance.name}” was added.")
        return redirect(form.instance)
    return render(request, "taxonomy/node_form.html", {"form": form, "parent": parent})


@editor_required
def node_edit(request, pk):
    node = get_object_or_404(TaxonomyNode, pk=pk)
    form = NodeForm(request.POST or None, instance=node)
    if request.method == "POST" and form.is_valid() and form.save(request.user):
        messages.success(request, f"“{form.instance.name}” was saved.")
        return redirect(form.instance)
    node.refresh_from_db()  # the form may have changed fields of the instance it was given
    return render(request, "taxonomy/node_form.html", {"form": form, "node": node},
                  status=409 if form.conflict else 200)


def _act(request, obj, action, done):
    """Run a retire/restore action with the posted reason; a refusal becomes a message."""
    form = ReasonForm(request.POST)
    reason = form.cleaned_data["reason"] if form.is_valid() else ""
    try:
        action(obj, user=request.user, reason=reason)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, f"“{obj.name}” {done}.")


@require_POST
@editor_required
def node_retire(request, pk):
    node = get_object_or_404(TaxonomyNode, pk=pk)
    _act(request, node, editing.retire_node, "was retired")
    return redirect(node.parent or node)


@require_POST
@editor_required
def node_restore(request, pk):
    node = get_object_or_404(TaxonomyNode, pk=pk)
    _act(request, node, editing.restore_node, "was restored")
    return redirect(node)


@editor_required
def example_add(request):
    node = _active_node(request.GET.get("node"))
    form = ExampleForm(request.POST or None, initial={"nodes": [node] if node else []})
    if request.method == "POST" and form.is_valid() and form.save(request.user):
        messages.success(request, f"“{form.instance.name}” was added.")
        return redirect(form.instance)
    return render(request, "taxonomy/example_form.html", {"form": form})


@editor_required
def example_edit(request, slug):
    example = get_object_or_404(Example, slug=slug)
    form = ExampleForm(request.POST or None, instance=example)
    if request.method == "POST" and form.is_valid() and form.save(request.user):
        messages.success(request, f"“{form.instance.name}” was saved.")
        return redirect(form.instance)
    example.refresh_from_db()
    return render(request, "taxonomy/example_form.html", {"form": form, "example": example},
                  status=409 if form.conflict else 200)


@require_POST
@editor_required
def example_retire(request, slug):
    example = get_object_or_404(Example, slug=slug)
    _act(request, example, editing.retire_example, "was retired")
    return redirect(example)


@require_POST
@editor_required
def example_restore(request, slug):
    example = get_object_or_404(Example, slug=slug)
    _act(request, example, editing.restore_example, "was restored")
    return redirect(example)
