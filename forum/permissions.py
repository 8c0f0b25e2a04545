"""The forum's one permission policy: who may see, write, edit and moderate what.

Each object check has a queryset twin (``Thread.objects.visible_to``), and tests assert they agree.
Every check returns a reason a person can read, or "" when the action is allowed.
"""

from accounts.roles import is_moderator


def can_moderate(user):
    return is_moderator(user)


def can_view_thread(user, thread):
    """Hidden threads are for moderators only (the twin of ``Thread.objects.visible_to``)."""
    return not thread.hidden or is_moderator(user)


def can_view_post_body(user, post):
    """Everyone sees that a post exists; its text is gone for everyone but moderators once it
    is deleted or hidden."""
    return (not post.hidden and not post.is_deleted) or is_moderator(user)


def reply_refusal(user, thread):
    """Why ``user`` may not reply to ``thread`` ("" when they may)."""
    if not user.is_authenticated:
        return "Log in to reply."
    if not can_view_thread(user, thread):
        return "This thread was hidden by a moderator; it takes no replies."
    if thread.locked:
        return "This thread is locked: it takes no new replies."
    return ""


def edit_refusal(user, post):
    """Why ``user`` may not edit ``post`` ("" when they may): only its author, while it stands."""
    if not user.is_authenticated or post.author_id != user.pk:
        return "Only the author of a post can edit it."
    if post.is_deleted:
        return "This post was deleted."
    if post.hidden:
        return "This post was hidden by a moderator."
    if post.thread.locked:
        return "This thread is locked: its posts can no longer be edited."
    if not can_view_thread(user, post.thread):
        return "This thread was hidden by a moderator."
    return ""


def delete_refusal(user, post):
    """Authors delete their own posts (softly: the text goes, the place in the thread stays)."""
    if not user.is_authenticated or post.author_id != user.pk:
        return "Only the author of a post can delete it."
    if post.is_deleted:
        return "This post is already deleted."
    return ""


def flag_refusal(user, post):
    if not user.is_authenticated:
        return "Log in to flag a post."
    if post.author_id == user.pk:
        return "You cannot flag your own post."
    if not can_view_thread(user, post.thread) or not can_view_post_body(user, post):
        return "This post is no longer shown."
    return ""
