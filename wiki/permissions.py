"""The wiki's one permission policy: who reads, edits, moves, deletes, restores and protects pages.

Anonymous people read published pages; signed-in people edit; a protected page only Editors;
Moderators delete, restore and protect, and read everything (unpublished and deleted pages too).
Unpublishing a page hides it from everyone but its creator and Moderators, so it follows the
rule for deleting it (``can_unpublish``); publishing a draft is an edit.
``can_read`` and ``readable_pages`` must agree; tests check that they do.
"""

from django.db.models import Q

from accounts.roles import is_editor, is_moderator
from trust import levels

from .models import Page


def readable_pages(user):
    """The pages ``user`` may read, as a queryset filter matching ``can_read``."""
    if is_moderator(user):
        return Page.objects.all()
    published = Q(published=True, deleted_at__isnull=True)
    if user.is_authenticated:
        # Authors of an unpublished page still see their own draft.
        return Page.objects.filter(published | Q(created_by=user, deleted_at__isnull=True))
    return Page.objects.filter(published)


def can_read(user, page):
    if is_moderator(user):
        return True
    if page.deleted_at is not None:
        return False
    if page.published:
        return True
    return user.is_authenticated and page.created_by_id == user.pk


def _can_write(user):
    return user.is_authenticated and user.is_active


def can_create(user):
    """Starting a page needs the trust level ``TRUST_REQUIRED_LEVELS["create_page"]``."""
    return _can_write(user) and levels.allows(user, "create_page")


def can_edit(user, page):
    if not (_can_write(user) and can_read(user, page)) or page.deleted_at is not None:
        return False
    return is_editor(user) if page.protected else True


def can_move(user, page):
    """Moving breaks nothing (the old path redirects), so whoever may edit may move."""
    return can_edit(user, page)


def can_delete(user, page):
    return is_moderator(user) and page.deleted_at is None


def can_unpublish(user, page):
    """Taking a published page away from readers is as strong as deleting it."""
    return can_delete(user, page)


def can_restore(user, page):
    return is_moderator(user) and page.deleted_at is not None


def can_protect(user, page):
    return is_moderator(user) and page.deleted_at is None


def can_watch(user, page):
    return user.is_authenticated and can_read(user, page)
