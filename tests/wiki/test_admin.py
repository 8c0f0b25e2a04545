"""The wiki admin goes through the services: every add and change form posted, valid and invalid;
no 500; revisions, redirects, protection and the recycle bin as the site makes them."""

import pytest

from wiki.editing import save_page
from wiki.models import Page, PageRedirect, Revision

pytestmark = pytest.mark.django_db

PAGES = "/admin/wiki/page/"


def page_data(**fields):
    return {"path": "a/b", "title": "B", "description": "", "markdown": "Hello [[c|C]]\n",
            "tags": "x, y", "published": "on", "summary": "", "base_revision": "0",
            "revisions-TOTAL_FORMS": "0", "revisions-INITIAL_FORMS": "0", **fields}


def errors_of(response):
    return dict(response.context["adminform"].form.errors)


def test_pages_render(admin_client, user):
    page = save_page(path="a", title="A", markdown="x", author=user).page
    for url in (PAGES, PAGES + "add/", f"{PAGES}{page.pk}/change/", "/admin/wiki/revision/"):
        assert admin_client.get(url).status_code == 200, url
    assert admin_client.get("/admin/wiki/revision/add/").status_code == 403


def test_add_writes_the_first_revision(admin_client, admin_user):
    response = admin_client.post(PAGES + "add/", page_data())
    assert response.status_code == 302, errors_of(response)
    page = Page.objects.get(path="a/b")
    revision = page.current_revision
    assert revision.number == 1 and revision.author == admin_user and "Hello" in revision.html
    assert sorted(page.tags.values_list("name", flat=True)) == ["x", "y"]
    assert list(page.outgoing_links.values_list("target_path", flat=True)) == ["c"]


@pytest.mark.parametrize(("fields", "field"), [
    ({"path": "Bad|Path?"}, "path"),  # characters Wiki.js refuses too
    ({"path": "a"}, "path"),  # taken
    ({"title": "   "}, "title"),
    ({"markdown": "x" * 600_000}, None),
])
def test_refused_adds_are_form_errors(admin_client, user, fields, field):
    save_page(path="a", title="A", markdown="x", author=user)
    response = admin_client.post(PAGES + "add/", page_data(**fields))
    assert response.status_code == 200
    assert (field or "__all__") in errors_of(response) or errors_of(response)
    assert Page.objects.count() == 1


def test_change_writes_a_revision_and_a_new_path_redirects(admin_client, user):
    page = save_page(path="a", title="A", markdown="one\n", author=user).page
    response = admin_client.post(f"{PAGES}{page.pk}/change/", page_data(
        path="moved/a", title="A2", markdown="two\n", base_revision="1", protected="on"))
    assert response.status_code == 302, errors_of(response)
    page.refresh_from_db()
    assert (page.path, page.title, page.protected) == ("moved/a", "A2", True)
    assert page.current_revision.number == 2 and page.current_revision.markdown == "two\n"
    assert PageRedirect.objects.filter(old_path="a", page=page).exists()


def test_a_stale_admin_change_merges_or_is_a_conflict(admin_client, user):
    page = save_page(path="a", title="A", markdown="one\ntwo\n", author=user).page
    save_page(path="a", title="Theirs", markdown="one\ntwo\n", author=user, base_revision=1)
    merged = admin_client.post(f"{PAGES}{page.pk}/change/", page_data(
        path="a", title="A", markdown="one\nTWO\n", base_revision="1", tags=""))
    assert merged.status_code == 302, errors_of(merged)
    page.refresh_from_db()
    assert page.title == "Theirs" and page.current_revision.markdown == "one\nTWO\n"
    conflict = admin_client.post(f"{PAGES}{page.pk}/change/", page_data(
        path="a", title="Mine", markdown="one\ntwo\n", base_revision="1", tags=""))
    assert conflict.status_code == 200 and "__all__" in errors_of(conflict)
    assert Revision.objects.filter(page=page).count() == 3


def test_recycle_bin_and_back(admin_client, user):
    page = save_page(path="a", title="A", markdown="x\n", author=user).page
    data = page_data(path="a", title="A", markdown="x\n", base_revision="1", tags="")
    admin_client.post(f"{PAGES}{page.pk}/change/", {**data, "in_recycle_bin": "on"})
    page.refresh_from_db()
    assert page.deleted_at is not None
    admin_client.post(f"{PAGES}{page.pk}/change/", data)
    page.refresh_from_db()
    assert page.deleted_at is None and page.current_revision.number == 1


def test_a_moved_path_onto_another_page_is_a_form_error(admin_client, user):
    save_page(path="b", title="B", markdown="x", author=user)
    page = save_page(path="a", title="A", markdown="x", author=user).page
    response = admin_client.post(f"{PAGES}{page.pk}/change/", page_data(
        path="b", title="A", markdown="x", base_revision="1", tags=""))
    assert response.status_code == 200 and "path" in errors_of(response)
    page.refresh_from_db()
    assert page.path == "a"
