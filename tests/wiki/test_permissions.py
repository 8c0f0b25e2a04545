"""The wiki's one policy: the object checks and the queryset filter agree for everyone."""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.utils import timezone

from wiki.editing import save_page
from wiki.models import Page
from wiki.permissions import (
    can_create,
    can_delete,
    can_edit,
    can_protect,
    can_read,
    can_restore,
    readable_pages,
)


@pytest.fixture
def pages(user):
    made = {}
    for name, published in [("public", True), ("draft", False), ("gone", True)]:
        made[name] = save_page(path=name, title=name, markdown="x", author=user,
                               published=published).page
    Page.objects.filter(path="gone").update(deleted_at=timezone.now())
    made["protected"] = save_page(path="protected", title="p", markdown="x", author=user).page
    Page.objects.filter(path="protected").update(protected=True)
    return {page.path: page for page in Page.objects.all()}


@pytest.mark.django_db
def test_can_read_and_readable_pages_agree(pages, user, other_user, editor, moderator):
    for person in (AnonymousUser(), user, other_user, editor, moderator):
        listed = set(readable_pages(person).values_list("path", flat=True))
        checked = {path for path, page in pages.items() if can_read(person, page)}
        assert listed == checked, person


@pytest.mark.django_db
def test_the_policy(pages, user, other_user, editor, moderator):
    anonymous = AnonymousUser()
    assert can_read(anonymous, pages["public"]) and not can_read(anonymous, pages["draft"])
    assert not can_create(anonymous) and not can_edit(anonymous, pages["public"])
    assert can_read(user, pages["draft"]) and not can_read(other_user, pages["draft"])
    assert can_edit(other_user, pages["public"]) and not can_edit(other_user, pages["protected"])
    assert can_edit(editor, pages["protected"]) and can_edit(moderator, pages["protected"])
    assert not can_read(editor, pages["gone"]) and can_read(moderator, pages["gone"])
    assert not can_edit(moderator, pages["gone"])
    assert not can_delete(editor, pages["public"]) and can_delete(moderator, pages["public"])
    assert can_restore(moderator, pages["gone"]) and not can_restore(moderator, pages["public"])
    assert can_protect(moderator, pages["public"]) and not can_protect(editor, pages["public"])
