"""Atom feeds of recent changes and of one page's history: readable pages only, escaped."""

import xml.etree.ElementTree as ET

import pytest

from wiki.editing import save_page

pytestmark = pytest.mark.django_db
ATOM = "{http://www.w3.org/2005/Atom}"


def entries(response):
    assert response["Content-Type"].startswith("application/atom+xml")
    feed = ET.fromstring(response.content)  # noqa: S314 (our own feed, in a test)
    return [
        {
            "title": e.findtext(f"{ATOM}title"),
            "summary": e.findtext(f"{ATOM}summary"),
            "link": e.find(f"{ATOM}link").get("href"),
            "author": e.findtext(f"{ATOM}author/{ATOM}name"),
        }
        for e in feed.findall(f"{ATOM}entry")
    ]


def test_recent_changes_feed_lists_readable_revisions(client, user):
    save_page(path="hubs", title="Hubs", markdown="one", author=user, summary="First")
    save_page(path="hubs", title="Hubs", markdown="one two", author=user)
    save_page(path="draft", title="Draft", markdown="x", author=user, published=False)

    found = entries(client.get("/recent/feed/"))

    assert [e["title"] for e in found] == ["Hubs (revision 2)", "Hubs (revision 1)"]
    assert found[0]["link"].endswith("/wiki/diff/hubs/?from=1&to=2")
    assert found[0]["summary"] == "No summary (+4 characters)"
    assert found[1]["summary"] == "First (+3 characters)"
    assert found[0]["author"] == "alice"


def test_page_history_feed(client, user):
    save_page(path="a/b", title="B", markdown="one", author=None)
    save_page(path="a/b", title="B", markdown="on", author=user, summary="Shorter")
    found = entries(client.get("/wiki/history/a/b/feed/"))
    assert [(e["title"], e["author"]) for e in found] == [
        ("B (revision 2)", "alice"), ("B (revision 1)", "imported"),
    ]
    assert found[0]["summary"] == "Shorter (-1 characters)"


def test_history_feed_of_an_unreadable_or_missing_page_is_not_found(client, user):
    save_page(path="draft", title="Draft", markdown="x", author=user, published=False)
    assert client.get("/wiki/history/draft/feed/").status_code == 404
    assert client.get("/wiki/history/missing/feed/").status_code == 404


def test_hostile_titles_and_summaries_are_escaped(client, user):
    save_page(path="x", title="<script>alert(1)</script> & co", markdown="x", author=user,
              summary="]]><img src=x onerror=alert(1)>")
    response = client.get("/recent/feed/")
    body = response.content.decode()
    assert "<script>" not in body and "<img" not in body
    found = entries(response)
    assert found[0]["title"] == "<script>alert(1)</script> & co (revision 1)"
    # Summaries are type="html": what a reader renders must be text, not an <img>.
    assert found[0]["summary"].startswith("]]&gt;&lt;img src=x onerror=alert(1)&gt;")
    assert "<" not in found[0]["summary"]


@pytest.mark.parametrize("size", [2, 60])
def test_feeds_make_bounded_queries(client, user, size, django_assert_max_num_queries):
    for i in range(size):
        save_page(path="p", title="P", markdown="x" * i, author=user)
    # The revisions, and the Site the feed takes its domain from.
    with django_assert_max_num_queries(2):
        client.get("/recent/feed/")
    with django_assert_max_num_queries(3):
        client.get("/wiki/history/p/feed/")
