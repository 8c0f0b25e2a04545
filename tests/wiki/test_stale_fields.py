"""A page's own fields (title, description, tags, published) merge like its text: a stale save
keeps what others changed meanwhile, or shows both values; and only those who may delete a page
may unpublish it."""

import pytest
from django.urls import reverse

from wiki.editing import EditConflict, save_page
from wiki.models import Page

pytestmark = pytest.mark.django_db

BASE = "one\ntwo\nthree\n"


def page_post(**fields):
    return {"title": "P", "description": "", "markdown": BASE, "tags": "", "published": "on",
            "summary": "", "base_revision": "1", **fields}


def start(author):
    return save_page(path="p", title="P", markdown=BASE, author=author, tags=["a"]).page


def test_a_body_edit_no_longer_puts_back_an_old_title(user, other_user):
    start(user)
    save_page(path="p", title="New title", markdown=BASE, author=other_user, tags=["a", "b"],
              description="Theirs", base_revision=1)
    result = save_page(path="p", title="P", markdown=BASE.replace("three", "THREE"), author=user,
                       tags=["a"], base_revision=1)
    revision = result.revision
    assert result.merged and revision.title == "New title" and revision.description == "Theirs"
    assert sorted(revision.tag_list()) == ["a", "b"] and "THREE" in revision.markdown
    assert sorted(result.page.tags.values_list("name", flat=True)) == ["a", "b"]


def test_the_same_field_changed_twice_is_a_conflict(user, other_user):
    start(user)
    save_page(path="p", title="Theirs", markdown=BASE, author=other_user, base_revision=1)
    with pytest.raises(EditConflict) as info:
        save_page(path="p", title="Mine", markdown=BASE.replace("one", "ONE"), author=user,
                  base_revision=1)
    conflict = info.value
    assert [c.name for c in conflict.conflicts] == ["title"] and not conflict.body_conflict
    assert conflict.values["title"] == "Mine" and conflict.values["markdown"].startswith("ONE")
    assert Page.objects.get().current_revision.number == 2


def test_published_is_merged_too(user, moderator):
    start(user)
    save_page(path="p", title="P", markdown=BASE, author=moderator, published=False,
              base_revision=1, tags=["a"])
    # A stale edit that left "published" ticked as it read it does not publish the page again.
    result = save_page(path="p", title="P", markdown=BASE + "four\n", author=user, tags=["a"],
                       base_revision=1)
    assert not result.page.published and not result.revision.published


def test_conflict_screen_shows_both_titles_and_keeps_merged_values(user_client, other_user):
    start(other_user)
    save_page(path="p", title="Theirs", markdown=BASE, author=other_user, tags=["a", "b"],
              base_revision=1)
    response = user_client.post(reverse("wiki:edit", args=["p"]),
                                page_post(title="Mine", markdown=BASE + "four\n", tags="a"))
    body = response.content.decode()
    assert response.status_code == 409
    assert "Theirs" in body and 'value="Mine"' in body and "four" in body
    form = response.context["form"]
    assert form["tags"].value() == "a, b" and form["base_revision"].value() == "2"


class TestUnpublishing:
    def test_a_signed_in_person_cannot_unpublish_someone_elses_page(self, other_user,
                                                                     user_client):
        start(other_user)
        response = user_client.get(reverse("wiki:edit", args=["p"]))
        assert response.context["form"].fields["published"].disabled
        response = user_client.post(reverse("wiki:edit", args=["p"]),
                                    {**page_post(markdown=BASE + "x\n"), "published": ""})
        assert response.status_code == 302
        page = Page.objects.get()
        assert page.published and "x" in page.current_revision.markdown

    def test_nor_their_own_once_published(self, user, user_client):
        start(user)
        user_client.post(reverse("wiki:edit", args=["p"]), {**page_post(), "published": ""})
        assert Page.objects.get().published

    def test_a_moderator_can(self, user, moderator_client):
        start(user)
        response = moderator_client.post(reverse("wiki:edit", args=["p"]),
                                         {**page_post(tags="a"), "published": ""})
        assert response.status_code == 302 and not Page.objects.get().published

    def test_a_draft_can_be_kept_and_published_by_its_creator(self, user, user_client):
        save_page(path="p", title="P", markdown=BASE, author=user, published=False)
        form = user_client.get(reverse("wiki:edit", args=["p"])).context["form"]
        assert not form.fields["published"].disabled
        user_client.post(reverse("wiki:edit", args=["p"]), page_post(published="on"))
        assert Page.objects.get().published


def test_tags_added_by_two_people_are_both_kept(user, other_user):
    start(user)
    save_page(path="p", title="P", markdown=BASE, author=other_user, tags=["a", "theirs"],
              base_revision=1)
    result = save_page(path="p", title="P", markdown=BASE, author=user, tags=["mine"],
                       base_revision=1)
    # I removed "a" and added "mine"; they added "theirs": all three decisions stand.
    assert sorted(result.revision.tag_list()) == ["mine", "theirs"]
