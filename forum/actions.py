"""Everything that changes the forum, each in one transaction: starting a thread, replying,
editing and deleting posts, reading, watching, flagging and moderating. Views call these.

Permission is checked here too (``forum.permissions``), inside the transaction and against the
locked row, so a reply that races a moderator's lock is refused rather than stored.
"""

from datetime import timedelta

from django.contrib.auth.models import AnonymousUser
from django.db import IntegrityError, transaction
from django.utils import timezone

import discussions
from network_societies.merging import EditConflict, merge_fields
from notifications.service import notify
from search.outbox import enqueue

from . import drafts, permissions
from .boards import boards_for, subject_of
from .boards import file as file_thread
from .markup import render_post
from .models import (
    Flag,
    ModerationLog,
    NodeSubscription,
    Post,
    PostRevision,
    SubjectSubscription,
    Thread,
    ThreadRead,
    ThreadSubscription,
)

# The same person posting the same text in the same thread within this time is a double submit.
DUPLICATE_WINDOW = timedelta(seconds=30)


class Refused(Exception):
    """An action a person may not take; ``str()`` is the message to show them."""


# --- Writing -----------------------------------------------------------------------------------


@transaction.atomic
def start_thread(*, node=None, author, title, body, token="", subject=None, draft_key=""):
    """Open a thread with its first post; the author watches it. It is about ``node`` on its
    board, or about ``subject`` (any registered discussion subject: an example, a page) on the
    boards that subject belongs on. Returns the thread (the existing one when this exact form
    was already submitted)."""
    earlier = _earlier_submission(author, token)
    if earlier is not None:
        return earlier.thread
    if subject is None:
        kind, subject_id, boards, about = "node", node.pk, [node], node.name
    else:
        registered = discussions.kind_of(subject)
        kind, subject_id, boards = registered.kind, subject.pk, boards_for(registered.kind, subject)
        # Watchers of its boards may not all read it (a draft page): name it only if public.
        public = registered.can_read(AnonymousUser(), subject)
        about = str(subject) if public else f"a {registered.noun}"
        node = boards[0]
    now = timezone.now()
    thread = Thread.objects.create(
        node=node, subject_kind=kind, subject_id=subject_id, title=title.strip(), author=author,
        last_poster=author, created_at=now, last_activity_at=now, post_count=1,
    )
    if len(boards) > 1:
        file_thread(thread, boards)
    post = _create_post(thread, 1, author, body, token, now)
    if post.thread_id != thread.pk:  # lost a race against its own double submit
        transaction.set_rollback(True)
        return post.thread
    if draft_key:
        drafts.discard(author, draft_key)
    _watch(author, thread)
    _mark_read(author, thread, 1)
    watchers = {
        *NodeSubscription.objects.filter(node__in=boards).values_list("user_id", flat=True),
        *SubjectSubscription.objects.filter(subject_kind=kind, subject_id=subject_id)
        .values_list("user_id", flat=True),
    }
    _notify_post(post, watchers, verb="started a thread",
                 text=f'{author.get_username()} started "{thread.title}" about {about}')
    return thread


@transaction.atomic
def reply(*, thread_id, author, body, token="", reply_to=None):
    """Add a post to a thread, if ``author`` may; the author then watches the thread, and their
    draft for it is cleared. ``reply_to`` (a post id) links the reply to the post it answers,
    whose author is told, if that post is in this thread and still stands (else it is ignored).

    Raises ``Thread.DoesNotExist`` for a missing thread and ``Refused`` for a locked or hidden
    one. Returns the post (the earlier one when this is a double submit).
    """
    # The row lock orders concurrent replies, so post numbers never collide.
    thread = Thread.objects.select_for_update().select_related("node").get(pk=thread_id)
    refusal = permissions.reply_refusal(author, thread)
    if refusal:
        raise Refused(refusal)
    earlier = _earlier_submission(author, token) or _recent_duplicate(author, thread, body)
    if earlier is not None:
        return earlier
    now = timezone.now()
    number = thread.post_count + 1
    answered = drafts.reply_target(thread, reply_to)
    post = _create_post(thread, number, author, body, token, now, reply_to=answered)
    if post.number != number:
        return post
    Thread.objects.filter(pk=thread.pk).update(
        post_count=number, last_activity_at=now, last_poster=author
    )
    thread.post_count = number
    drafts.discard(author, drafts.thread_key(thread))
    _watch(author, thread)
    _mark_read(author, thread, number)
    watchers = set(thread.subscriptions.values_list("user_id", flat=True))
    told = _notify_mentions(post, set(post.mentioned))
    if answered is not None and answered.author_id and answered.author_id not in told:
        notify([answered.author_id], actor=author, verb="replied to your post",
               text=f'{author.get_username()} replied to your post in "{thread.title}"',
               url=post.get_absolute_url())
        told.add(answered.author_id)
    notify(watchers - told, actor=author, verb="replied",
           text=f'{author.get_username()} replied to "{thread.title}"', url=post.get_absolute_url())
    return post


@transaction.atomic
def edit_post(*, post_id, editor, body, expected_version=None, as_moderator=False):
    """Replace a post's text, keeping the old version in its history; newly @mentioned people
    are told. Raises ``Refused`` unless ``editor`` wrote it and it still stands, or, with
    ``as_moderator``, is a Moderator (the admin); a Moderator's edit is logged.

    ``expected_version`` is the post's ``edit_count`` when the editor was opened: if it was
    edited since (another tab), the two texts are merged line by line, or ``EditConflict``."""
    post = (
        Post.objects.select_for_update(of=("self",)).select_related("thread", "author")
        .get(pk=post_id)
    )
    if as_moderator:
        _require_moderator(editor)
    else:
        refusal = permissions.edit_refusal(editor, post)
        if refusal:
            raise Refused(refusal)
    body = _merge_stale_body(post, expected_version, body)
    if body == post.body:
        return post
    now = timezone.now()
    PostRevision.objects.create(
        post=post, body=post.body, html=post.html, renderer_version=post.renderer_version,
        created_at=post.edited_at or post.created_at, replaced_at=now,
    )
    before = set(post.mentioned)
    post.body = body
    rendered = post.refresh_html(render_post(body))
    post.mentioned = sorted(rendered.mentions)
    post.edited_at = now
    post.edit_count += 1
    post.save()
    if as_moderator and editor.pk != post.author_id:
        ModerationLog.objects.create(
            moderator=editor, action=ModerationLog.Action.EDIT_POST, thread=post.thread,
            post=post,
        )
    newly = set(rendered.mentions) - before
    if newly:
        _notify_mentions(post, newly)
    return post


def _merge_stale_body(post, expected_version, body):
    """The body to save when the editor was opened at ``expected_version`` (an edit count)."""
    if expected_version is None or int(expected_version) >= post.edit_count:
        return body
    # Each edit kept the text it replaced, in order: the n-th is the text at version n.
    earlier = list(post.revisions.order_by("pk").values_list("body", flat=True))
    base = earlier[int(expected_version)] if int(expected_version) < len(earlier) else post.body
    result = merge_fields({"body": base}, {"body": post.body}, {"body": body},
                          text_fields=("body",))
    if result.conflicts:
        raise EditConflict(conflicts=result.conflicts, values=result.values,
                           version=post.edit_count, by=post.author, at=post.edited_at)
    return result.values["body"]


@transaction.atomic
def delete_post(*, post_id, user):
    """Soft-delete one's own post: its text is no longer shown, its place in the thread stays."""
    post = Post.objects.select_for_update().select_related("thread").get(pk=post_id)
    refusal = permissions.delete_refusal(user, post)
    if refusal:
        raise Refused(refusal)
    post.deleted_at = timezone.now()
    post.save(update_fields=["deleted_at"])
    return post


def _create_post(thread, number, author, body, token, now, reply_to=None):
    post = Post(
        thread=thread, number=number, author=author, body=body, created_at=now,
        client_token=token or "", reply_to=reply_to,
    )
    post.mentioned = sorted(post.refresh_html(render_post(body)).mentions)
    try:
        with transaction.atomic():
            post.save(force_insert=True)
            return post
    except IntegrityError:
        # The same form, submitted again at the same moment, got there first.
        earlier = _earlier_submission(author, token)
        if earlier is None:
            raise
        return earlier


def _earlier_submission(author, token):
    if not token:
        return None
    return Post.objects.select_related("thread").filter(author=author, client_token=token).first()


def _recent_duplicate(author, thread, body):
    return (
        Post.objects.filter(
            thread=thread, author=author, body=body,
            created_at__gte=timezone.now() - DUPLICATE_WINDOW,
        ).order_by("-number").first()
    )


# --- Notifications -----------------------------------------------------------------------------


def _notify_post(post, watchers, *, verb, text):
    """Mentioned people hear "mentioned you"; the other watchers hear ``verb``, once each."""
    mentioned_ids = _notify_mentions(post, set(post.mentioned))
    notify(watchers - mentioned_ids, actor=post.author, verb=verb, text=text,
           url=post.get_absolute_url())


def _notify_mentions(post, usernames):
    from django.contrib.auth import get_user_model

    if not usernames:
        return set()
    ids = set(
        get_user_model().objects.filter(username__in=usernames, is_active=True)
        .values_list("pk", flat=True)
    )
    name = post.author.get_username() if post.author else "Someone"
    notify(ids, actor=post.author, verb="mentioned you",
           text=f'{name} mentioned you in "{post.thread.title}"', url=post.get_absolute_url())
    return ids


# --- Reading and watching ----------------------------------------------------------------------


def mark_read(user, thread, number, *, known=0):
    """Remember that ``user`` has read ``thread`` up to post ``number``; one query, and none
    when they had already read that far (``known``)."""
    if user.is_authenticated and number > known:
        _mark_read(user, thread, number)


def _mark_read(user, thread, number):
    ThreadRead.objects.bulk_create(
        [ThreadRead(user=user, thread=thread, last_read_number=number)],
        update_conflicts=True, unique_fields=["user", "thread"],
        update_fields=["last_read_number"],
    )


def mark_all_read(user, threads):
    """Mark every thread of ``threads`` (a queryset) read to its last post for ``user``: the
    board's or the forum's "mark all as read". New posts after this are unread again."""
    pending = (
        threads.for_listing(user).new_or_unread().order_by()
        .values_list("pk", "post_count")
    )
    rows = [ThreadRead(user=user, thread_id=pk, last_read_number=count) for pk, count in pending]
    ThreadRead.objects.bulk_create(
        rows, batch_size=500, update_conflicts=True, unique_fields=["user", "thread"],
        update_fields=["last_read_number"],
    )
    return len(rows)


def _watch(user, thread):
    ThreadSubscription.objects.get_or_create(user=user, thread=thread)


def set_thread_watch(user, thread, watching):
    if watching:
        _watch(user, thread)
    else:
        ThreadSubscription.objects.filter(user=user, thread=thread).delete()


def set_subject_watch(user, kind, subject_id, watching):
    """Watch (or stop watching) the discussions of a subject: new threads about it."""
    if watching:
        SubjectSubscription.objects.get_or_create(
            user=user, subject_kind=kind, subject_id=subject_id)
    else:
        SubjectSubscription.objects.filter(
            user=user, subject_kind=kind, subject_id=subject_id).delete()


def set_node_watch(user, node, watching):
    if watching:
        NodeSubscription.objects.get_or_create(user=user, node=node)
    else:
        NodeSubscription.objects.filter(user=user, node=node).delete()


# --- Flags and moderation ----------------------------------------------------------------------


def flag_post(*, post, user, reason, note=""):
    """Report a post to the moderators, once per person and post."""
    refusal = permissions.flag_refusal(user, post)
    if refusal:
        raise Refused(refusal)
    try:
        with transaction.atomic():
            return Flag.objects.create(post=post, reporter=user, reason=reason, note=note.strip())
    except IntegrityError:
        raise Refused("You already flagged this post; the moderators will look at it.") from None


THREAD_ACTIONS = {
    # action: (field, value, log entry)
    "pin": ("pinned", True, ModerationLog.Action.PIN),
    "unpin": ("pinned", False, ModerationLog.Action.UNPIN),
    "lock": ("locked", True, ModerationLog.Action.LOCK),
    "unlock": ("locked", False, ModerationLog.Action.UNLOCK),
    "hide": ("hidden", True, ModerationLog.Action.HIDE_THREAD),
    "unhide": ("hidden", False, ModerationLog.Action.UNHIDE_THREAD),
}


def _require_moderator(user):
    if not permissions.can_moderate(user):
        raise Refused("Only Moderators can do that.")


@transaction.atomic
def moderate_thread(*, thread_id, moderator, action):
    """Pin, unpin, lock, unlock, hide or unhide a thread, and log it."""
    _require_moderator(moderator)
    if action not in THREAD_ACTIONS:
        raise Refused("Unknown moderation action.")
    field, value, entry = THREAD_ACTIONS[action]
    thread = Thread.objects.select_for_update().get(pk=thread_id)
    if getattr(thread, field) == value:
        return thread
    setattr(thread, field, value)
    thread.save(update_fields=[field])
    ModerationLog.objects.create(moderator=moderator, action=entry, thread=thread)
    if field == "hidden":
        _reindex_posts(thread)
    return thread


@transaction.atomic
def retitle_thread(*, thread_id, moderator, title):
    """Give a thread a new title (a Moderator's correction), and log the old one."""
    _require_moderator(moderator)
    title = " ".join(title.split())
    if not title:
        raise Refused("A thread needs a title.")
    thread = Thread.objects.select_for_update().get(pk=thread_id)
    if thread.title == title:
        return thread
    old = thread.title
    thread.title = title
    thread.save(update_fields=["title"])
    ModerationLog.objects.create(
        moderator=moderator, action=ModerationLog.Action.RETITLE, thread=thread,
        detail=f"was “{old}”"[:300],
    )
    _reindex_posts(thread)  # the thread re-indexes itself on save; its posts carry its title
    return thread


@transaction.atomic
def move_thread(*, thread_id, moderator, node):
    """Move a thread to another node's forum, and log where from."""
    _require_moderator(moderator)
    thread = Thread.objects.select_for_update().select_related("node").get(pk=thread_id)
    if thread.node_id == node.pk:
        return thread
    old = thread.node
    thread.node = node
    if thread.subject_kind == "node":  # a thread about its board moves to another subject
        thread.subject_id = node.pk
    thread.save(update_fields=["node", "subject_id"])
    subject = subject_of(thread)
    file_thread(thread, boards_for(thread.subject_kind, subject) if subject else [])
    ModerationLog.objects.create(
        moderator=moderator, action=ModerationLog.Action.MOVE, thread=thread,
        detail=f"from {old.name} to {node.name}"[:300],
    )
    _reindex_posts(thread)
    return thread


@transaction.atomic
def moderate_post(*, post_id, moderator, hidden):
    """Hide a post from everyone but moderators, or show it again, and log it."""
    _require_moderator(moderator)
    post = Post.objects.select_for_update().select_related("thread").get(pk=post_id)
    if post.hidden == hidden:
        return post
    post.hidden = hidden
    post.save(update_fields=["hidden"])
    action = ModerationLog.Action.HIDE_POST if hidden else ModerationLog.Action.UNHIDE_POST
    ModerationLog.objects.create(moderator=moderator, action=action, thread=post.thread, post=post)
    return post


@transaction.atomic
def handle_flag(*, flag_id, moderator, resolution, hide_post=False):
    """Close a flag as resolved (optionally hiding the post) or dismissed, and log it."""
    _require_moderator(moderator)
    flag = Flag.objects.select_for_update().select_related("post__thread").get(pk=flag_id)
    if flag.status != Flag.Status.OPEN:
        raise Refused("This flag was already handled.")
    if resolution not in (Flag.Status.RESOLVED, Flag.Status.DISMISSED):
        raise Refused("Unknown resolution.")
    if hide_post:
        moderate_post(post_id=flag.post_id, moderator=moderator, hidden=True)
    flag.status = resolution
    flag.handled_by = moderator
    flag.handled_at = timezone.now()
    flag.save(update_fields=["status", "handled_by", "handled_at"])
    action = (ModerationLog.Action.RESOLVE_FLAG if resolution == Flag.Status.RESOLVED
              else ModerationLog.Action.DISMISS_FLAG)
    ModerationLog.objects.create(
        moderator=moderator, action=action, thread=flag.post.thread, post=flag.post,
        detail=f"{flag.get_reason_display()} flag by {flag.reporter.get_username()}"[:300],
    )
    return flag


def _reindex_posts(thread):
    """A thread's visibility and place decide its posts' index entries: queue them all."""
    enqueue(thread.posts.only("pk"))
