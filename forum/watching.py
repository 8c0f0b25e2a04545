"""The forum's section of the watchlist: watched threads (with unread counts), node forums and
the discussions of examples and pages."""

import discussions

from .host import Forum
from .models import NodeSubscription, SubjectSubscription, Thread


def section(user, request):
    """The watched threads the person may see, in one listing query; the watched node forums
    with their nodes; the watched subjects, one query per kind."""
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
        "context": {"threads": list(threads), "nodes": [s.node for s in nodes],
                    "subjects": watched_subjects(user)},
    }


def watched_subjects(user):
    """[{subject, noun, url, watch_url}] for the examples and pages whose discussions ``user``
    watches and may still read."""
    wanted = {}
    for kind, pk in SubjectSubscription.objects.filter(user=user).values_list(
            "subject_kind", "subject_id").order_by("subject_kind", "subject_id"):
        wanted.setdefault(kind, []).append(pk)
    forum, found = Forum(), []
    for kind, pks in wanted.items():
        subject = discussions.subject(kind)
        if subject is None:
            continue
        for obj in subject.lookup_many(pks).values():
            if subject.can_read(user, obj):
                found.append({"subject": obj, "noun": subject.noun,
                              "url": forum.talk_url(obj), "watch_url": forum.watch_url(obj)})
    return sorted(found, key=lambda item: str(item["subject"]).casefold())
