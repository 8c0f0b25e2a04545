"""Tags: the index with counts, a page per tag, combining tags, and URLs that never break."""

from datetime import UTC, datetime

import pytest
from django.core.exceptions import ValidationError

from wiki.editing import save_page
from wiki.models import Page, Tag, normalise_tag

pytestmark = pytest.mark.django_db


def make_page(path, tags, author=None, published=True, title=None):
    return save_page(path=path, title=title or path.title(), markdown=f"About {path}",
                     author=author, tags=tags, published=published).page


@pytest.mark.parametrize(
    ("typed", "slug"), [("Pop Ups", "pop-ups"), ("pop-ups", "pop-ups"), ("Économie", "economie"),
                        ("  POP   ups ", "pop-ups"), ("Café au lait", "cafe-au-lait")],
)
def test_tags_are_normalised_so_spaces_case_and_accents_never_break_a_url(typed, slug):
    assert normalise_tag(typed)[1] == slug


@pytest.mark.parametrize("typed", ["", "   ", "---", "a" * 51, "a,b"])
def test_malformed_tags_are_refused(typed):
    with pytest.raises(ValidationError):
        normalise_tag(typed)


def test_the_index_counts_readable_pages_only(client, user):
    make_page("hubs", ["Pop Ups", "Économie"])
    make_page("villages", ["pop ups"])
    make_page("draft", ["secret", "pop ups"], author=user, published=False)
    Page.objects.filter(path="villages").update(deleted_at=datetime(2025, 1, 1, tzinfo=UTC))

    html = client.get("/tags/").content.decode()

    assert 'href="/tags/pop-ups/"' in html and 'aria-label="1 page"' in html
    assert 'href="/tags/economie/"' in html
    assert "secret" not in html


def test_a_tag_typed_any_way_redirects_to_its_canonical_url(client):
    make_page("hubs", ["Pop Ups", "Économie"])
    assert client.get("/tags/Pop%20Ups/").url == "/tags/pop-ups/"
    assert client.get("/tags/%C3%89conomie/").url == "/tags/economie/"
    assert client.get("/tags/Economie+pop-ups+economie/").url == "/tags/economie+pop-ups/"
    assert client.get("/tags/pop-ups/").status_code == 200


def test_unknown_or_unusable_tags_are_not_found(client):
    make_page("hubs", ["pop-ups"])
    assert client.get("/tags/nothing-here/").status_code == 404
    assert client.get("/tags/pop-ups+nothing/").status_code == 404
    assert client.get("/tags/---/").status_code == 404
    assert client.get("/tags/a+b+c+d+e+f+g/").status_code == 404


def test_combining_tags_narrows_the_list(client):
    make_page("hubs", ["pop-ups", "cities"])
    make_page("villages", ["pop-ups"])
    make_page("towns", ["cities"])

    one = client.get("/tags/pop-ups/")
    both = client.get("/tags/pop-ups+cities/")

    assert [p.path for p in one.context["page_obj"]] == ["hubs", "villages"]
    assert [p.path for p in both.context["page_obj"]] == ["hubs"]
    # The one-tag page offers to add "cities"; the combined page offers to remove either tag.
    assert 'href="/tags/pop-ups+cities/"' in one.content.decode()
    html = both.content.decode()
    assert 'href="/tags/cities/"' in html and 'href="/tags/pop-ups/"' in html


def test_unpublished_pages_are_listed_only_for_who_may_read_them(client, user, moderator):
    make_page("draft", ["pop-ups"], author=user, published=False)
    make_page("public", ["pop-ups"])
    assert [p.path for p in client.get("/tags/pop-ups/").context["page_obj"]] == ["public"]
    client.force_login(moderator)
    assert len(client.get("/tags/pop-ups/").context["page_obj"]) == 2


def test_tag_pages_are_paginated(client):
    for i in range(35):
        make_page(f"p{i:02}", ["many"])
    first = client.get("/tags/many/")
    assert len(first.context["page_obj"]) == 30
    assert len(client.get("/tags/many/?page=2").context["page_obj"]) == 5
    assert client.get("/tags/many/?page=nonsense").status_code == 200


@pytest.mark.parametrize("size", [2, 40])
def test_tag_views_make_bounded_queries(client, size, django_assert_max_num_queries):
    for i in range(size):
        make_page(f"p{i:02}", ["shared", f"own-{i}", "other"])
    assert Tag.objects.count() == size + 2
    with django_assert_max_num_queries(1):
        client.get("/tags/")
    with django_assert_max_num_queries(5):
        client.get("/tags/shared+other/")
