"""Forum views: reading (``browse``), writing (``compose``) and moderating (``moderation``)."""

from django.shortcuts import render

from ..permissions import can_view_thread

MISSING_THREAD = "This thread does not exist or was hidden by a moderator; it takes no replies."


def refuse(request, message, *, status=403, draft="", back=None):
    """A friendly page saying why an action was refused, keeping the person's text to copy.
    ``back`` is the thread to return to; a hidden one is not named to those who may not see it."""
    if back is not None and not can_view_thread(request.user, back):
        back = None
    return render(request, "forum/refused.html", {
        "message": message, "draft": draft, "back": back,
    }, status=status)
