"""The forum's section of the watchlist: watched threads (with unread counts) and node forums."""

from .models import NodeSubscription, Thread


def section(user, request):
    """Two queries: the watched threads the person may see, in one listing query, and the
    watched node forums with their nodes."""
    threads = (
        Thread.objects.visible_to(user)
        .for_listing(user)
        .filter(subscriptions__user=user)
        .order_by("-last_activity_at", "-pk")
    )
    nodes = NodeSubscription.objects.filter(user=user).select_related("node").order_by("node__path")
    return {
        "title": "Discussions",
        "template": "forum/watching_section.html",
        "context": {"threads": list(threads), "nodes": [s.node for s in nodes]},
    }
