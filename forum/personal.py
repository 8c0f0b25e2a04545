"""The forum's part of a person's data (archive, account deletion) and of their trust record."""

from django.utils import timezone

from .models import (
    Flag,
    NodeSubscription,
    Post,
    SubjectSubscription,
    ThreadRead,
    ThreadSubscription,
)


def contributions(user_ids):
    """Posts that still stand (not deleted, not hidden by a Moderator) count toward promotion."""
    return Post.objects.filter(
        author_id__in=user_ids, deleted_at__isnull=True, hidden=False
    ).values_list("author_id", "created_at")


def upheld_flags(user_ids):
    """Flags a Moderator resolved (acted on) against a person's posts hold promotion back."""
    return Flag.objects.filter(
        post__author_id__in=user_ids, status=Flag.Status.RESOLVED
    ).values_list("post__author_id", flat=True)


def export(user):
    posts = Post.objects.filter(author=user).select_related("thread").order_by("created_at")
    return {
        "posts": [{
            "thread": post.thread.title, "number": post.number, "url": post.get_absolute_url(),
            "body": post.body, "created_at": post.created_at, "edited_at": post.edited_at,
            "deleted": post.deleted_at is not None, "hidden": post.hidden,
        } for post in posts],
        "watching_threads": list(ThreadSubscription.objects.filter(user=user)
                                 .values_list("thread__title", flat=True)),
        "watching_forums": list(NodeSubscription.objects.filter(user=user)
                                .values_list("node__name", flat=True)),
        "watching_discussions_of": list(SubjectSubscription.objects.filter(user=user)
                                        .values("subject_kind", "subject_id")),
        "flags_made": list(Flag.objects.filter(reporter=user)
                           .values("post_id", "reason", "note", "status", "created_at")),
    }


def erase(user, remove_contributions):
    for model in (ThreadSubscription, NodeSubscription, SubjectSubscription, ThreadRead):
        model.objects.filter(user=user).delete()
    if remove_contributions:
        # The posts' places in their threads stay (numbers, quotes of them), their words go.
        Post.objects.filter(author=user, deleted_at__isnull=True).update(
            deleted_at=timezone.now(), body="", html="", mentioned=[])
