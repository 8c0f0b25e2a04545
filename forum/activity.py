"""The forum's part of "since your last visit": new posts in watched threads and new threads on
watched boards and about watched subjects, with what is unread."""

from django.db.models import Q
from django.urls import reverse

from activity.registry import ITEMS_PER_GROUP, Group, Item

from .models import NodeSubscription, SubjectSubscription, Thread, ThreadSubscription


def followed_threads(user, since):
    """Threads ``user`` follows (watched, or on a watched board or subject) active since
    ``since`` with something unread to them, latest first, read state annotated."""
    watched = ThreadSubscription.objects.filter(user=user).values("thread_id")
    boards = Thread.boards.through.objects.filter(
        taxonomynode__in=NodeSubscription.objects.filter(user=user).values("node_id")
    ).values("thread_id")
    subjects = Q(pk__in=[])
    for kind, pk in SubjectSubscription.objects.filter(user=user).values_list(
            "subject_kind", "subject_id"):
        subjects |= Q(subject_kind=kind, subject_id=pk)
    return (
        Thread.objects.visible_to(user)
        .filter(Q(pk__in=watched) | Q(pk__in=boards, created_at__gte=since) | subjects)
        .filter(last_activity_at__gte=since)
        .for_listing(user).new_or_unread()
        .order_by("-last_activity_at", "-pk")
    )


def source(user, since):
    """Two queries (the watched subjects, then the threads)."""
    items = []
    for thread in followed_threads(user, since)[:ITEMS_PER_GROUP]:
        if thread.is_new:
            by = thread.author.get_username() if thread.author else "the site"
            board = thread.node.name if thread.node.path else "General discussion"
            detail = f"new thread by {by} in {board}"
            url = thread.get_absolute_url()
        else:
            count = thread.unread_count
            detail = f"{count} new post{'s' if count != 1 else ''}"
            if thread.last_poster:
                detail += f", the latest by {thread.last_poster.get_username()}"
            url = reverse("forum:unread", args=[thread.pk])
        items.append(Item(text=thread.title, url=url, when=thread.last_activity_at,
                          detail=detail))
    return Group(key="forum", title="Discussions you follow", items=items,
                 more_url=reverse("forum:index") + "?show=unread",
                 more_label="Everything new and unread")
