"""Recent changes: newest first, filters, size changes, readable pages only, bounded queries."""

from datetime import timedelta

import pytest
from django.utils import timezone

from wiki.editing import save_page
from wiki.models import IMPORT_SUMMARY

pytestmark = pytest.mark.django_db


def edit(path, markdown, author, **kwargs):
    kwargs.setdefault("title", path.title())
    return save_page(path=path, markdown=markdown, author=author, **kwargs)


def rows(response):
    return [(r.page.path, r.number) for r in response.context["page_obj"]]


def test_changes_are_listed_newest_first_with_size_change(client, user, other_user):
    edit("hubs", "12345", user, summary="Start the page")
    edit("hubs", "123", other_user, summary="Trim <b>it</b>")
    edit("villages", "abc", user)

    response = client.get("/recent/")

    assert rows(response) == [("villages", 1), ("hubs", 2), ("hubs", 1)]
    changes = {(r.page.path, r.number): r.size_change for r in response.context["page_obj"]}
    assert changes == {("villages", 1): 3, ("hubs", 2): -2, ("hubs", 1): 5}
    html = response.content.decode()
    assert "Trim &lt;b&gt;it&lt;/b&gt;" in html
    assert 'href="/wiki/diff/hubs/?from=1&amp;to=2"' in html
    assert 'href="/u/bob/"' in html


def test_filters(client, user, other_user):
    edit("hubs", "one", user, tags=["Pop Ups"])
    edit("hubs", "two", other_user, tags=["Pop Ups"])
    edit("villages", "one", other_user)
    save_page(path="imported", title="Imported", markdown="x", author=None, summary=IMPORT_SUMMARY,
              saved_at=timezone.now() - timedelta(days=3))

    assert rows(client.get("/recent/?person=ALICE")) == [("hubs", 1)]
    assert rows(client.get("/recent/?tag=pop%20ups")) == [("hubs", 2), ("hubs", 1)]
    assert rows(client.get("/recent/?new=on")) == [("villages", 1), ("hubs", 1), ("imported", 1)]
    assert ("imported", 1) not in rows(client.get("/recent/?hide_imports=on"))
    assert ("imported", 1) not in rows(client.get("/recent/?since=day"))
    assert ("imported", 1) in rows(client.get("/recent/?since=week"))


def test_bad_filters_are_form_errors_not_server_errors(client, user):
    edit("hubs", "one", user)
    response = client.get("/recent/?since=forever&tag=---&page=x")
    assert response.status_code == 200
    assert response.context["form"].errors.keys() == {"since", "tag"}
    assert "Nobody is called" in client.get("/recent/?person=nobody").content.decode()


def test_only_readable_pages_are_listed(client, user, moderator):
    edit("public", "x", user)
    edit("draft", "x", user, published=False)
    assert rows(client.get("/recent/")) == [("public", 1)]
    client.force_login(moderator)
    assert len(rows(client.get("/recent/"))) == 2


def test_recent_changes_is_paginated(client, user):
    for i in range(55):
        edit(f"p{i}", "x", user)
    assert len(rows(client.get("/recent/"))) == 50
    assert len(rows(client.get("/recent/?page=2&new=on"))) == 5


@pytest.mark.parametrize("size", [2, 60])
def test_recent_changes_makes_bounded_queries(client, user, size, django_assert_max_num_queries):
    for i in range(size):
        edit(f"p{i}", "x" * i, user, tags=["a", "b"])
        edit(f"p{i}", "y" * i, user, tags=["a"])
    with django_assert_max_num_queries(2):
        client.get("/recent/")
    client.force_login(user)
    # Session, user, groups, unread notifications, new or unread threads (the header),
    # "does alice exist", count, list.
    with django_assert_max_num_queries(8):
        client.get("/recent/?tag=a&person=alice&hide_imports=on")
