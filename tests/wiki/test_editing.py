"""save_page: revisions, the no-op on identical content, three-way merges, conflicts, links,
watches and notifications; and the page actions beside it."""

from datetime import UTC

import pytest
from django.core.exceptions import ValidationError

from notifications.models import Notification
from wiki.editing import (
    EditConflict,
    delete_page,
    merge_texts,
    move_page,
    restore_page,
    revert_page,
    save_page,
)
from wiki.models import Page, PageLink, PageRedirect, Revision, Watch

BASE = "one\ntwo\nthree\nfour\nfive\n"


def test_merge_texts_clean_and_conflicting():
    text, clean = merge_texts(BASE, BASE.replace("one", "ONE"), BASE.replace("five", "FIVE"))
    assert clean and text == "ONE\ntwo\nthree\nfour\nFIVE\n"
    text, clean = merge_texts(BASE, BASE.replace("two", "theirs"), BASE.replace("two", "mine"))
    assert not clean and "<<<<<<<" in text and "theirs" in text and "mine" in text


@pytest.mark.django_db
class TestSavePage:
    def test_creates_a_page_with_its_first_revision(self, user):
        result = save_page(path="a/b", title=" Title ", markdown="Hello", author=user,
                           summary="first", description="D", tags=["Hubs", "hubs", "Europe"])
        page = Page.objects.get(path="a/b")
        assert result.created and not result.merged and result.page == page
        assert page.title == "Title" and page.description == "D" and page.created_by == user
        assert page.current_revision == result.revision
        assert result.revision.number == 1 and result.revision.parent is None
        assert result.revision.tags == "hubs, europe"
        assert sorted(t.slug for t in page.tags.all()) == ["europe", "hubs"]
        assert "<p>Hello</p>" in result.revision.html

    def test_each_save_adds_a_revision_based_on_the_last(self, user):
        first = save_page(path="a", title="A", markdown="1", author=user).revision
        second = save_page(path="a", title="A", markdown="2", author=user, base_revision=1)
        assert second.revision.number == 2 and second.revision.parent == first
        assert Revision.objects.get(pk=first.pk).markdown == "1"

    def test_identical_content_writes_nothing(self, user, other_user):
        first = save_page(path="a", title="A", markdown="x", author=user, tags=["t"])
        again = save_page(path="a", title="A", markdown="x", author=other_user, tags=["T"],
                          summary="nothing")
        assert not again.created and again.revision == first.revision
        assert Revision.objects.count() == 1
        assert save_page(path="a", title="A", markdown="x", author=user, published=False).created

    def test_clean_merge_when_someone_saved_meanwhile(self, user, other_user):
        save_page(path="a", title="A", markdown=BASE, author=user)
        save_page(path="a", title="A", markdown=BASE.replace("one", "ONE"), author=other_user,
                  base_revision=1)
        result = save_page(path="a", title="A", markdown=BASE.replace("five", "FIVE"),
                           author=user, base_revision=1)
        assert result.created and result.merged
        assert result.revision.markdown == "ONE\ntwo\nthree\nfour\nFIVE\n"
        assert result.revision.number == 3 and result.revision.parent.number == 2

    def test_conflict_saves_nothing_and_reports_both_sides(self, user, other_user):
        save_page(path="a", title="A", markdown=BASE, author=user)
        theirs = save_page(path="a", title="A", markdown=BASE.replace("two", "theirs"),
                           author=other_user, base_revision=1).revision
        mine = BASE.replace("two", "mine")
        with pytest.raises(EditConflict) as info:
            save_page(path="a", title="A", markdown=mine, author=user, base_revision=1)
        assert info.value.theirs == theirs and info.value.mine == mine
        assert info.value.base.number == 1 and "<<<<<<<" in info.value.merged
        assert Revision.objects.count() == 2
        # Saving again from their revision (after resolving) lands.
        resolved = save_page(path="a", title="A", markdown=mine, author=user,
                             base_revision=theirs.number)
        assert resolved.revision.number == 3 and not resolved.merged

    def test_creating_a_page_someone_else_just_created_is_a_conflict(self, user, other_user):
        save_page(path="a", title="A", markdown="theirs\n", author=other_user, base_revision=0)
        with pytest.raises(EditConflict):
            save_page(path="a", title="A", markdown="mine\n", author=user, base_revision=0)

    def test_links_are_recorded_and_replaced(self, user):
        save_page(path="a", title="A", markdown="[b](/b) [[c|C]] [self](/a) [ext](https://x.org)",
                  author=user)
        assert set(PageLink.objects.values_list("target_path", flat=True)) == {"b", "c"}
        save_page(path="a", title="A", markdown="[[c|C]] [d](/d/e)", author=user)
        assert set(PageLink.objects.values_list("target_path", flat=True)) == {"c", "d/e"}

    def test_the_author_watches_and_watchers_are_notified(self, user, other_user, make_user):
        save_page(path="a", title="A", markdown="1", author=user)
        assert Watch.objects.filter(user=user).exists()
        save_page(path="a", title="A", markdown="2", author=other_user)
        note = Notification.objects.get(recipient=user)
        assert note.actor == other_user and "bob edited" in note.text
        assert note.url == "/wiki/diff/a/?from=1&to=2"
        assert not Notification.objects.filter(recipient=other_user).exists()

    @pytest.mark.parametrize(("kwargs", "message"), [
        ({"path": "Bad|Path"}, "not a valid path"),
        ({"title": "  "}, "title"),
        ({"markdown": "x" * 101}, "too long"),
        ({"tags": ["ok", "!!"]}, "letter or digit"),
    ])
    def test_bad_input_is_refused_and_nothing_is_stored(self, user, settings, kwargs, message):
        settings.WIKI_MAX_BODY_CHARS = 100
        args = {"path": "a", "title": "A", "markdown": "x", "author": user, **kwargs}
        with pytest.raises(ValidationError) as info:
            save_page(**args)
        assert message in " ".join(info.value.messages)
        assert not Page.objects.exists() and not Revision.objects.exists()

    def test_keeps_given_dates(self, user):
        from datetime import datetime

        created = datetime(2020, 1, 2, tzinfo=UTC)
        saved = datetime(2021, 3, 4, tzinfo=UTC)
        page = save_page(path="a", title="A", markdown="x", author=None, created_at=created,
                         saved_at=saved).page
        assert page.created_at == created and page.updated_at == saved
        assert page.current_revision.created_at == saved


@pytest.mark.django_db
class TestActions:
    def test_revert_writes_a_new_revision(self, user):
        save_page(path="a", title="A", markdown="old", author=user)
        page = save_page(path="a", title="B", markdown="new", author=user).page
        result = revert_page(page, page.revisions.get(number=1), author=user)
        assert result.revision.number == 3 and result.revision.markdown == "old"
        assert result.revision.title == "A" and "Reverted to revision 1" in result.revision.summary
        assert list(page.revisions.values_list("markdown", flat=True).order_by("number")) == [
            "old", "new", "old"]

    def test_move_leaves_a_redirect(self, user):
        page = save_page(path="a", title="A", markdown="x", author=user).page
        move_page(page, "b/c", by=user)
        assert Page.objects.get(pk=page.pk).path == "b/c"
        assert PageRedirect.objects.get(old_path="a").page == page
        with pytest.raises(ValidationError):
            move_page(page, "Not:valid", by=user)

    def test_a_new_page_takes_over_a_redirected_path(self, user):
        page = save_page(path="a", title="A", markdown="x", author=user).page
        move_page(page, "b", by=user)
        save_page(path="a", title="New A", markdown="y", author=user)
        assert not PageRedirect.objects.filter(old_path="a").exists()

    def test_delete_and_restore(self, user, moderator):
        page = save_page(path="a", title="A", markdown="x", author=user).page
        delete_page(page, by=moderator)
        page.refresh_from_db()
        assert page.deleted_at and page.deleted_by == moderator
        with pytest.raises(ValidationError):
            save_page(path="a", title="A", markdown="y", author=user)
        restore_page(page, by=moderator)
        page.refresh_from_db()
        assert page.deleted_at is None and page.revisions.count() == 1
        assert Notification.objects.filter(recipient=user, verb="restored").exists()
