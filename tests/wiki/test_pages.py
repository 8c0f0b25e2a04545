"""Reading pages at their Wiki.js paths: redirects, the create offer, red links, what links here."""

import pytest
from django.urls import reverse

from wiki.editing import move_page, save_page
from wiki.models import Page, Revision


@pytest.fixture
def founding(user):
    save_page(path="network-societies", title="Network societies", author=user,
              description="What they are", tags=["Hubs"],
              markdown="# Kinds\n\n- [Pop-ups](/network-societies/pop-ups)\n- [Hubs](/hubs)\n")
    return Page.objects.get(path="network-societies")


@pytest.mark.django_db
class TestPageView:
    def test_shows_the_page(self, client, founding):
        response = client.get("/network-societies")
        body = response.content.decode()
        assert response.status_code == 200
        assert "<h1>Network societies</h1>" in body and "What they are" in body
        assert 'id="kinds"' in body and "hubs</a>" in body
        assert "alice" in body and reverse("wiki:history", args=["network-societies"]) in body

    def test_links_to_missing_pages_are_red_and_turn_ordinary_when_created(self, client, founding,
                                                                             user):
        body = client.get("/network-societies").content.decode()
        # A red link leads to the missing page, which says what is missing and offers to write
        # it (or to sign in first), never straight to a login form.
        assert 'href="/network-societies/pop-ups" class="redlink"' in body
        save_page(path="network-societies/pop-ups", title="Pop-ups", markdown="x", author=user)
        save_page(path="somewhere", title="Hubs", markdown="x", author=user)
        move_page(Page.objects.get(path="somewhere"), "hubs-page", by=user)
        # A redirect would do as well.
        Page.objects.filter(path="hubs-page").update(path="hubs", path_key="hubs")
        body = client.get("/network-societies").content.decode()
        assert "redlink" not in body
        assert 'href="/network-societies/pop-ups"' in body

    def test_a_link_to_a_moved_page_stays_blue(self, client, founding, user):
        hub = save_page(path="hubs", title="Hubs", markdown="x", author=user).page
        move_page(hub, "places/hubs", by=user)
        body = client.get("/network-societies").content.decode()
        assert 'href="/hubs"' in body and 'href="/hubs" class="redlink"' not in body

    def test_what_links_here(self, client, founding, user):
        save_page(path="network-societies/pop-ups", title="Pop-ups", markdown="x", author=user)
        body = client.get("/network-societies/pop-ups").content.decode()
        assert "What links here" in body and 'href="/network-societies">Network societies' in body

    def test_missing_page_offers_to_create_it_with_status_404(self, client, user):
        response = client.get("/network-societies/pop-ups")
        assert response.status_code == 404
        assert "Log in to create this page" in response.content.decode()
        client.force_login(user)
        response = client.get("/network-societies/pop-ups")
        assert response.status_code == 404
        assert 'href="/wiki/edit/network-societies/pop-ups">Create this page' in (
            response.content.decode())

    def test_trailing_slash_and_case_redirect_to_the_canonical_path(self, client, founding):
        assert client.get("/network-societies/")["Location"] == "/network-societies"
        response = client.get("/Network-Societies")
        assert response.status_code == 301 and response["Location"] == "/network-societies"

    def test_old_paths_redirect_permanently(self, client, founding, user):
        move_page(founding, "societies", by=user)
        response = client.get("/network-societies")
        assert response.status_code == 301 and response["Location"] == "/societies"

    def test_invalid_path_gets_a_clear_message(self, client):
        response = client.get("/a%7Cb/c")
        assert response.status_code == 404
        assert "That is not a page address" in response.content.decode()

    def test_reserved_prefixes_are_never_pages(self, client):
        response = client.get("/wiki/pages")
        assert response.status_code == 302 and response["Location"] == "/wiki/pages/"
        assert client.get("/wiki/no-such-thing").status_code == 404
        assert not Page.objects.exists()

    def test_unpublished_and_deleted_pages_are_hidden(self, client, user, moderator):
        save_page(path="draft", title="Draft", markdown="x", author=user, published=False)
        page = save_page(path="gone", title="Gone", markdown="x", author=user).page
        Page.objects.filter(pk=page.pk).update(deleted_at=page.created_at)
        for path in ("/draft", "/gone"):
            response = client.get(path)
            assert response.status_code == 404
            assert "Create this page" not in response.content.decode()
        client.force_login(user)
        assert client.get("/draft").status_code == 200
        client.force_login(moderator)
        response = client.get("/gone")
        assert response.status_code == 200 and "recycle bin" in response.content.decode()

    def test_hostile_markdown_is_escaped_on_the_page(self, client, user):
        save_page(path="x", title="<script>alert(1)</script>", author=user,
                  markdown="<script>alert(2)</script>[a](javascript:alert(3))")
        body = client.get("/x").content.decode()
        assert "<script>alert" not in body and "javascript:alert" not in body

    def test_stale_html_is_shown_as_stored_and_not_written(self, client, user):
        revision = save_page(path="x", title="X", markdown="*hi*", author=user).revision
        Revision.objects.filter(pk=revision.pk).update(html="<p>stale</p>", renderer_version=0)
        assert "<p>stale</p>" in client.get("/x").content.decode()
        assert Revision.objects.get(pk=revision.pk).renderer_version == 0


@pytest.mark.django_db
class TestListsAndEditor:
    def test_page_list_a_to_z(self, client, user):
        for path, title in [("b", "beta"), ("a", "Alpha"), ("z", "1984")]:
            save_page(path=path, title=title, markdown="x", author=user)
        body = client.get(reverse("wiki:page_list")).content.decode()
        assert body.index("1984") < body.index("Alpha") < body.index("beta")

    def test_tree_nests_paths(self, client, user):
        save_page(path="a/b/c", title="Deep", markdown="x", author=user)
        save_page(path="a", title="Top", markdown="x", author=user)
        body = client.get(reverse("wiki:tree")).content.decode()
        assert body.index("Top") < body.index("b/") < body.index("Deep")

    def test_editor_requires_login(self, client):
        response = client.get(reverse("wiki:edit", args=["x"]))
        assert response.status_code == 302 and "/accounts/login/" in response["Location"]

    def test_create_and_edit_through_the_editor(self, user_client, user):
        url = reverse("wiki:edit", args=["new-page"])
        assert 'value="New page"' in user_client.get(url).content.decode()
        response = user_client.post(url, {"title": "New page", "markdown": "Hi\r\nthere",
                                          "tags": "A, b", "published": "on", "base_revision": "0"})
        assert response.status_code == 302 and response["Location"] == "/new-page"
        page = Page.objects.get(path="new-page")
        assert page.current_revision.markdown == "Hi\nthere"
        assert page.current_revision.tags == "a, b"
        body = user_client.get(url).content.decode()
        assert 'name="base_revision" value="1"' in body

    def test_preview_saves_nothing(self, user_client):
        response = user_client.post(reverse("wiki:edit", args=["p"]), {
            "title": "P", "markdown": "**strong**", "base_revision": "0", "preview": "1"})
        body = response.content.decode()
        assert response.status_code == 200 and "nothing is saved yet" in body
        assert "<strong>strong</strong>" in body and "**strong**</textarea>" in body
        assert not Page.objects.exists()

    @pytest.mark.parametrize(("data", "message"), [
        ({"title": ""}, "This field is required"),
        ({"markdown": "x" * 51}, "too long"),
        ({"tags": "good, ???"}, "letter or digit"),
        ({"base_revision": "abc"}, "whole number"),
    ])
    def test_bad_input_is_a_form_error(self, user_client, settings, data, message):
        settings.WIKI_MAX_BODY_CHARS = 50
        post = {"title": "T", "markdown": "x", "base_revision": "0", **data}
        response = user_client.post(reverse("wiki:edit", args=["p"]), post)
        assert response.status_code == 400 and message in response.content.decode()
        assert not Page.objects.exists()

    def test_invalid_path_in_the_editor_is_404(self, user_client):
        assert user_client.get("/wiki/edit/Bad%3APath").status_code == 404

    def test_conflict_screen_keeps_my_text(self, user_client, other_user):
        base = "one\ntwo\nthree\n"
        save_page(path="p", title="P", markdown=base, author=other_user)
        save_page(path="p", title="P", markdown=base.replace("two", "theirs"), author=other_user,
                  base_revision=1)
        response = user_client.post(reverse("wiki:edit", args=["p"]), {
            "title": "P", "markdown": base.replace("two", "mine"), "base_revision": "1"})
        body = response.content.decode()
        assert response.status_code == 409
        assert "Someone else changed this page" in body and "theirs" in body
        assert 'name="base_revision" value="2"' in body and "mine" in body
        assert Page.objects.get().current_revision.number == 2

    def test_clean_merge_says_so(self, user_client, other_user):
        base = "one\ntwo\nthree\nfour\n"
        save_page(path="p", title="P", markdown=base, author=other_user)
        save_page(path="p", title="P", markdown=base.replace("one", "1"), author=other_user,
                  base_revision=1)
        response = user_client.post(reverse("wiki:edit", args=["p"]), {
            "title": "P", "markdown": base.replace("four", "4"), "base_revision": "1"},
            follow=True)
        assert "merged with changes made by bob" in response.content.decode()
        assert Page.objects.get().current_revision.markdown == "1\ntwo\nthree\n4\n"

    def test_new_page_form(self, user_client, user):
        save_page(path="taken", title="T", markdown="x", author=user)
        response = user_client.get(reverse("wiki:new"), {"path": "/Some/Where/", "title": "Hi"})
        assert response["Location"] == "/wiki/edit/Some/Where?title=Hi"
        response = user_client.get(reverse("wiki:new"), {"path": "taken"})
        assert "There is already a page" in response.content.decode()
        response = user_client.get(reverse("wiki:new"), {"path": "no|good"})
        assert "not a valid path" in response.content.decode()


@pytest.mark.django_db
def test_admin_pages_load(admin_client, user):
    page = save_page(path="p", title="P", markdown="x", author=user).page
    for url in ("/admin/wiki/page/", f"/admin/wiki/page/{page.pk}/change/", "/admin/wiki/revision/",
                f"/admin/wiki/revision/{page.current_revision_id}/change/"):
        assert admin_client.get(url).status_code == 200, url
