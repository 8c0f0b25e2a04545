"""Page actions: each is a POST with CSRF and a permission check, and nothing is hard-deleted."""

import pytest
from django.test import Client
from django.urls import reverse

from wiki.editing import save_page
from wiki.models import Page, PageRedirect, Watch


@pytest.fixture
def page(user):
    return save_page(path="p", title="P", markdown="x", author=user).page


@pytest.mark.django_db
class TestActions:
    def test_watch_and_unwatch(self, client, other_user, page):
        client.force_login(other_user)
        url = reverse("wiki:watch", args=["p"])
        assert client.get(url).status_code == 405
        client.post(url, {"watch": "on"})
        assert Watch.objects.filter(user=other_user, page=page).exists()
        assert "Watching" in client.get("/p").content.decode()
        client.post(url, {"watch": "off"})
        assert not Watch.objects.filter(user=other_user, page=page).exists()

    def test_actions_need_csrf(self, moderator, page):
        client = Client(enforce_csrf_checks=True)
        client.force_login(moderator)
        for name in ("watch", "delete", "protect", "move"):
            assert client.post(reverse(f"wiki:{name}", args=["p"])).status_code == 403
        page.refresh_from_db()
        assert page.deleted_at is None and not page.protected

    def test_move_renames_and_old_path_redirects(self, user_client, page):
        url = reverse("wiki:move", args=["p"])
        assert user_client.get(url).status_code == 200
        response = user_client.post(url, {"new_path": "/Places/New/"})
        # Capitals are kept, as Wiki.js keeps them.
        assert response["Location"] == "/Places/New"
        assert PageRedirect.objects.get(old_path="p").page == page
        assert user_client.get("/p")["Location"] == "/Places/New"

    def test_move_to_a_taken_or_bad_path_is_a_form_error(self, user_client, user, page):
        save_page(path="taken", title="T", markdown="x", author=user)
        for bad, message in [("taken", "already a page"), ("a|b", "not a valid path"),
                             ("wiki/x", "belong to the site")]:
            response = user_client.post(reverse("wiki:move", args=["p"]), {"new_path": bad})
            assert response.status_code == 400 and message in response.content.decode()
        assert Page.objects.get(pk=page.pk).path == "p"

    def test_only_moderators_delete_and_restore(self, user_client, moderator, page):
        assert user_client.post(reverse("wiki:delete", args=["p"])).status_code == 403
        user_client.force_login(moderator)
        assert user_client.get(reverse("wiki:delete", args=["p"])).status_code == 200
        response = user_client.post(reverse("wiki:delete", args=["p"]))
        assert response["Location"] == reverse("wiki:recycle_bin")
        page.refresh_from_db()
        assert page.deleted_at is not None
        bin_body = user_client.get(reverse("wiki:recycle_bin")).content.decode()
        assert "/p" in bin_body and "Restore" in bin_body
        user_client.post(reverse("wiki:restore", args=["p"]))
        page.refresh_from_db()
        assert page.deleted_at is None and page.revisions.count() == 1

    def test_the_recycle_bin_is_for_moderators(self, user_client):
        assert Client().get(reverse("wiki:recycle_bin")).status_code == 302
        assert user_client.get(reverse("wiki:recycle_bin")).status_code == 403

    def test_a_deleted_page_is_gone_for_everyone_else(self, client, moderator, user, page):
        client.force_login(moderator)
        client.post(reverse("wiki:delete", args=["p"]))
        client.force_login(user)
        assert client.get("/p").status_code == 404
        assert client.get(reverse("wiki:edit", args=["p"])).status_code == 404
        assert "0 pages" in client.get(reverse("wiki:page_list")).content.decode()

    def test_protected_pages_only_editors_edit(self, client, user, editor, moderator, page):
        client.force_login(user)
        protect = reverse("wiki:protect", args=["p"])
        assert client.post(protect, {"protect": "on"}).status_code == 403
        client.force_login(moderator)
        client.post(protect, {"protect": "on"})
        page.refresh_from_db()
        assert page.protected
        client.force_login(user)
        edit = reverse("wiki:edit", args=["p"])
        assert client.get(edit).status_code == 403
        post = {"title": "P", "markdown": "changed", "base_revision": "1"}
        assert client.post(edit, post).status_code == 403
        client.force_login(editor)
        assert client.post(edit, post).status_code == 302
        assert Page.objects.get(pk=page.pk).current_revision.markdown == "changed"

    def test_page_shows_only_allowed_actions(self, client, user, moderator, page):
        assert "Log in to edit" in client.get("/p").content.decode()
        client.force_login(user)
        body = client.get("/p").content.decode()
        assert "Move or rename" in body and "Delete…" not in body and "Protect" not in body
        client.force_login(moderator)
        body = client.get("/p").content.decode()
        assert "Delete…" in body and "Protect (Editors only)" in body
