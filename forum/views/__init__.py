"""Forum views: reading (``browse``), writing (``compose``) and moderating (``moderation``)."""

from django.shortcuts import render

MISSING_THREAD = "This thread does not exist or was hidden by a moderator; it takes no replies."


def refuse(request, message, *, status=403, draft="", back=None):
    """A friendly page saying why an action was refused, keeping the person's text to copy."""
    return render(request, "forum/refused.html", {
        "message": message, "draft": draft, "back": back,
    }, status=status)
