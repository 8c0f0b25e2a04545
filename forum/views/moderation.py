"""Moderators' tools: pin, lock, hide and move threads, hide posts, and the flag queue with the
log of every moderator action."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from .. import actions, permissions
from ..forms import MoveForm
from ..models import Flag, ModerationLog, Post, Thread

DONE = {
    "pin": "Pinned: it stays at the top of its forum.",
    "unpin": "Unpinned.",
    "lock": "Locked: no one can reply any more.",
    "unlock": "Unlocked: replies are open again.",
    "hide": "Hidden: only moderators can see this thread now.",
    "unhide": "This thread is visible to everyone again.",
}


def _moderator_only(user):
    if not permissions.can_moderate(user):
        raise PermissionDenied("Only Moderators can do that.")


@require_POST
def moderate_thread(request, pk):
    _moderator_only(request.user)
    thread = get_object_or_404(Thread, pk=pk)
    action = request.POST.get("action", "")
    try:
        actions.moderate_thread(thread_id=thread.pk, moderator=request.user, action=action)
    except actions.Refused as refused:
        messages.error(request, str(refused))
    else:
        messages.success(request, DONE[action])
    return redirect(thread)


def move_thread(request, pk):
    _moderator_only(request.user)
    thread = get_object_or_404(Thread.objects.select_related("node"), pk=pk)
    form = MoveForm(request.POST or None, initial={"node": thread.node_id})
    if request.method == "POST" and form.is_valid():
        node = form.cleaned_data["node"]
        actions.move_thread(thread_id=thread.pk, moderator=request.user, node=node)
        messages.success(request, f"Moved to the forum of {node.name}.")
        return redirect(thread)
    return render(request, "forum/move.html", {"form": form, "thread": thread})


@require_POST
def moderate_post(request, pk):
    _moderator_only(request.user)
    post = get_object_or_404(Post.objects.select_related("thread"), pk=pk)
    hidden = request.POST.get("hidden") == "1"
    actions.moderate_post(post_id=post.pk, moderator=request.user, hidden=hidden)
    messages.success(request, f"Post #{post.number} is {'hidden' if hidden else 'shown again'}.")
    return redirect(post.thread.url_for_number(post.number))


def queue(request):
    """Open flags, oldest first, and the latest moderator actions."""
    _moderator_only(request.user)
    flags = (
        Flag.objects.filter(status=Flag.Status.OPEN)
        .select_related("post__thread", "post__author", "reporter")[:100]
    )
    log = ModerationLog.objects.select_related("moderator", "thread", "post")[:50]
    return render(request, "forum/moderation.html", {"flags": flags, "log": log})


@require_POST
def handle_flag(request, pk):
    _moderator_only(request.user)
    resolution = request.POST.get("resolution", "")
    try:
        actions.handle_flag(
            flag_id=pk, moderator=request.user, resolution=resolution,
            hide_post=request.POST.get("hide_post") == "1",
        )
    except Flag.DoesNotExist:
        messages.error(request, "That flag does not exist.")
    except actions.Refused as refused:
        messages.info(request, str(refused))
    else:
        messages.success(request, "Flag resolved." if resolution == Flag.Status.RESOLVED
                         else "Flag dismissed.")
    return redirect("forum:moderation")
