"""The wiki's profile section: a person's recent edits, on pages the viewer may read."""

import pytest
from django.test import RequestFactory

from wiki.editing import save_page
from wiki.profile import section

pytestmark = pytest.mark.django_db


def viewer_request(user):
    request = RequestFactory().get("/u/alice/")
    request.user = user
    return request


def test_lists_the_persons_edits_newest_first(user, other_user):
    save_page(path="hubs", title="Hubs", markdown="one", author=user)
    save_page(path="hubs", title="Hubs", markdown="one two", author=user, summary="More")
    save_page(path="other", title="Other", markdown="x", author=other_user)

    result = section(user, viewer_request(other_user))

    assert result["template"] == "wiki/profile_section.html"
    ctx = result["context"]
    assert [(r.page.path, r.number) for r in ctx["revisions"]] == [("hubs", 2), ("hubs", 1)]
    assert ctx["total"] == 2


def test_drafts_stay_hidden_from_other_viewers(user, other_user):
    save_page(path="draft", title="Draft", markdown="x", author=user, published=False)
    assert section(user, viewer_request(other_user))["context"]["total"] == 0
    assert section(user, viewer_request(user))["context"]["total"] == 1


def test_the_profile_page_shows_the_section(client, user):
    save_page(path="hubs", title="Hubs <i>", markdown="one", author=user, summary="Start")
    html = client.get("/u/alice/").content.decode()
    assert "Page edits" in html
    assert "Hubs &lt;i&gt;" in html and 'href="/hubs"' in html
    assert 'href="/recent/?person=alice"' in html


@pytest.mark.parametrize("size", [2, 40])
def test_section_makes_bounded_queries(user, other_user, size, django_assert_max_num_queries):
    for i in range(size):
        save_page(path=f"p{i}", title="P", markdown="x", author=user)
    request = viewer_request(other_user)
    with django_assert_max_num_queries(3):
        section(user, request)
