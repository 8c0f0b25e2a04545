"""Drafts: what a person is writing in the forum, saved on the server as they type.

One draft per person and place (``Draft.key``): the reply to a thread, or a new thread on a board
or about a subject. The composer saves it a moment after each pause in typing and when the tab is
hidden or closed; the page restores it on any device; posting clears it; an empty box deletes it.
"""

from django.utils import timezone

from .models import Draft, Post

# Drafts a person's profile lists for them.
LISTED = 20


def thread_key(thread):
    return f"thread:{thread.pk}"


def board_key(node):
    return f"board:{node.pk}"


def subject_key(kind, pk):
    return f"about:{kind}:{pk}"


def save(user, key, *, body, title="", reply_to=None, url, label):
    """Keep ``user``'s text for ``key`` (replacing what was there); nothing written removes it.
    ``reply_to`` is a post of the same thread, or None. Returns the draft or None."""
    if not body.strip() and not title.strip():
        discard(user, key)
        return None
    draft, _ = Draft.objects.update_or_create(
        user=user, key=key,
        defaults={"body": body, "title": title[:200], "reply_to": reply_to,
                  "url": url[:300], "label": label[:300], "updated_at": timezone.now()},
    )
    return draft


def discard(user, key):
    if user.is_authenticated:
        Draft.objects.filter(user=user, key=key).delete()


def load(user, key):
    """``user``'s draft for ``key``, with the post it replies to, or None."""
    if not user.is_authenticated:
        return None
    return Draft.objects.select_related("reply_to__author").filter(user=user, key=key).first()


def reply_target(thread, post_id):
    """The post ``post_id`` of ``thread`` a reply may answer (standing, not hidden), or None."""
    if not str(post_id or "").isdigit() or len(str(post_id)) > 18:
        return None
    return (
        Post.objects.select_related("author")
        .filter(thread=thread, pk=int(post_id), hidden=False, deleted_at__isnull=True)
        .first()
    )


def listed(user):
    return list(Draft.objects.filter(user=user)[:LISTED])
