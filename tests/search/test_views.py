"""/search/ and /search/suggest/: what people see, what they never see, and bounded queries."""

import re

import pytest
from django.conf import settings
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from search.outbox import drain
from wiki.editing import save_page

pytestmark = pytest.mark.django_db
URL = reverse("search:search")


def test_empty_search_explains_the_syntax(client):
    response = client.get(URL)
    assert response.status_code == 200
    assert b"How to search" in response.content


def result_count(html):
    """The "N results" count shown, or None when no search ran."""
    found = re.search(r"(\d+) results?\b", html)
    return int(found.group(1)) if found else None


@pytest.mark.parametrize(("text", "message", "count"), [
    ('"nul byte', "A quotation mark was not closed", 1),
    ("nul OR", "OR needs a word on each side", 1),
    ("(nul", "symbols are not supported", 1),
    ("a:b", "symbols are not supported", 0),
    ("x" * 5000, "only its first 200 characters", 0),
    ("nul\x00byte", None, 0),  # the NUL is dropped: "nulbyte", a word of its own
    ("((", "nothing to search for", None),
    ("OR OR", "nothing to search for", None),
    ("-", "nothing to search for", None),
    ("-only", "add a word or two besides", None),
    ("*", "symbols are not supported", None),
    ("%", "nothing to search for", None),
    ("\\", "symbols are not supported", None),
])
def test_malformed_queries_get_a_message_and_what_can_be_searched(client, make_page, text,
                                                                  message, count):
    make_page("nul", "Nul", "nul byte")
    response = client.get(URL, {"q": text})
    html = response.content.decode()
    assert response.status_code == 200
    if message:
        assert "message--warning" in html and message in html
    else:
        assert "message--warning" not in html
    assert result_count(html) == count
    assert ('href="/nul"' in html) == bool(count)
    assert "\x00" not in html


def test_nul_bytes_in_filters_are_dropped_and_a_bad_filter_is_reported(client, make_page):
    make_page("hub", "Hub", "A hub.")
    response = client.get(URL, {"q": "hub\x00", "type": "\x00", "scale": "x\x00"})
    html = response.content.decode()
    assert response.status_code == 200 and "\x00" not in html
    assert 'value="hub"' in html
    assert html.count('class="errorlist') == 1 and "Select a valid choice" in html
    assert 'href="/hub"' in html  # the search ran without the bad filter


def test_results_are_ranked_highlighted_and_escaped(client, make_page):
    make_page("network-societies", "Network societies",
              "Founded in Chiang Mai. `<script>alert('x')</script>` **bold** [link](/x)")
    make_page("other", "Other", "Something about chiang mai food")
    make_page("chiang-mai", "Chiang Mai", "A city.")
    response = client.get(URL, {"q": "Chiang Mai"})
    html = response.content.decode()
    assert response.status_code == 200
    assert html.index('href="/chiang-mai"') < html.index('href="/network-societies"')
    assert "<mark>Chiang</mark> <mark>Mai</mark>" in html
    assert "<script>alert" not in html
    if settings.SEARCH_BACKEND == "whoosh":  # ts_headline leaves tag-like words out of snippets
        assert "&lt;script&gt;" in html
    assert "3 results" in html


def test_hidden_unpublished_and_deleted_things_are_never_found(client, make_page, make_thread):
    make_page("draft", "Draft", "invisibleword", published=False)
    make_thread("Hidden thread", "invisibleword in a hidden thread", hidden=True)
    thread = make_thread("Visible thread", "a visible post")
    from forum.models import Post

    Post.objects.create(thread=thread, number=2, body="invisibleword hidden post", html="",
                        hidden=True)
    drain()
    response = client.get(URL, {"q": "invisibleword"})
    assert b'class="search-result"' not in response.content
    assert b"hidden thread" not in response.content and b"hidden post" not in response.content
    assert b"Nothing found" in response.content


def test_a_word_only_in_a_forum_post_finds_the_post_in_its_thread(client, make_thread):
    thread = make_thread("Taxonomy debate", "Opening post", "I think solarpunk villages are small")
    post = thread.posts.get(number=2)
    response = client.get(URL, {"q": "solarpunk"})
    assert response.status_code == 200
    assert f'href="{post.get_absolute_url()}"'.encode() in response.content
    assert b"Taxonomy debate" in response.content


def test_filters_by_type_tag_and_scale(client, make_page, make_thread):
    make_page("a", "Alpha hub", tags=["Asia"])
    make_page("b", "Beta hub")
    make_thread("Hub talk", "hub discussion")
    by_type = client.get(URL, {"q": "hub", "type": "forum"}).content.decode()
    assert "Hub talk" in by_type and "Alpha hub" not in by_type
    by_tag = client.get(URL, {"q": "hub", "tag": "asia"}).content.decode()
    assert "Alpha hub" in by_tag and "Beta hub" not in by_tag
    by_scale = client.get(URL, {"q": "hub", "scale": "small"}).content.decode()
    assert "Hub talk" in by_scale and "Alpha hub" not in by_scale


def test_the_type_is_chosen_by_chips_once_there_are_results_and_kept_by_the_form(
        client, make_page):
    make_page("a", "Alpha hub")
    before = client.get(URL).content.decode()
    assert '<select id="search-type" name="type">' in before
    after = client.get(URL, {"q": "hub", "type": "pages"}).content.decode()
    assert '<select id="search-type"' not in after
    assert '<input type="hidden" name="type" value="pages">' in after
    assert 'aria-current="true">Pages</a>' in after


def test_a_bad_filter_is_reported_and_ignored(client, make_page):
    make_page("a", "Alpha hub")
    response = client.get(URL, {"q": "hub", "scale": "galactic"})
    assert response.status_code == 200
    assert b"Select a valid choice" in response.content
    assert b"Alpha hub" in response.content


def test_tag_names_are_searchable_and_offered_as_filters(client, make_page):
    make_page("a", "Alpha", tags=["Solarpunk"])
    html = client.get(URL, {"q": "solarpunk"}).content.decode()
    assert 'href="/a"' in html
    assert "tag=solarpunk" in html


def make_pages(count, word):
    for n in range(count):
        save_page(path=f"{word}-{n}", title=f"{word.title()} {n}", markdown=f"{word} text {n}",
                  author=None, tags=["Common"])
    drain()


def test_pagination(client):
    make_pages(25, "paged")
    second = client.get(URL, {"q": "paged", "page": 2}).content.decode()
    assert "25 results" in second and "page 2 of 2" in second
    assert second.count('class="search-result"') == 5
    beyond = client.get(URL, {"q": "paged", "page": 99})
    assert beyond.status_code == 200 and b"page 2 of 2" in beyond.content


def queries_for(client, text):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(URL, {"q": text})
    assert response.status_code == 200
    return len(queries)


def test_same_number_of_queries_for_1_and_50_results(client, user):
    client.force_login(user)
    make_pages(1, "single")
    make_pages(50, "many")
    queries_for(client, "warm")  # what is cached per content generation (roles), for both
    assert queries_for(client, "many") == queries_for(client, "single")
    assert b"50 results" in client.get(URL, {"q": "many"}).content


def test_suggestions_offer_page_and_node_titles(client, make_page, small_scale):
    make_page("smallish", "Small worlds")
    data = client.get(reverse("search:suggest"), {"q": "small"}).json()
    titles = {(s["title"], s["type"]) for s in data["suggestions"]}
    assert titles == {("Small worlds", "pages"), ("Small", "taxonomy")}
    assert all(s["url"].startswith("/") for s in data["suggestions"])
    assert client.get(reverse("search:suggest"), {"q": "\x00"}).json() == {"suggestions": []}


def test_suggestions_never_offer_unpublished_pages(client, make_page):
    make_page("secret", "Secret plans", published=False)
    assert client.get(reverse("search:suggest"), {"q": "secret"}).json() == {"suggestions": []}


def test_search_is_get_only(client, make_page):
    make_page("x", "X")
    response = client.post(URL, {"q": "x"})
    assert response.status_code == 405 and response["Allow"] == "GET"


@pytest.mark.postgres
def test_the_page_on_the_postgres_backend(client, settings, make_thread):
    if connection.vendor != "postgresql":
        pytest.skip("needs DATABASE_URL=postgres://…")
    settings.SEARCH_BACKEND = "postgres"
    make_pages(1, "single")
    make_pages(50, "many")
    make_thread("Hidden", "invisibleword", hidden=True)
    assert queries_for(client, "many") == queries_for(client, "single")
    html = client.get(URL, {"q": "many"}).content.decode()
    assert "50 results" in html and "<mark>many</mark>" in html
    assert 'class="search-result"' not in client.get(URL, {"q": "invisibleword"}).content.decode()


def test_a_failing_index_gives_a_clear_page_not_a_500_and_the_next_search_works(
        client, make_page, monkeypatch):
    from search.backends import SearchUnavailable, get_backend

    make_page("hubs", "Hubs", "coworking hubs")
    backend = get_backend()
    real_candidates = backend.candidates

    def failing(*args, **kwargs):
        raise SearchUnavailable("index files mid-rewrite")

    monkeypatch.setattr(backend, "candidates", failing)
    response = client.get(URL, {"q": "coworking"})
    assert response.status_code == 503
    assert b"Search is not available right now" in response.content
    assert b'name="q"' in response.content  # the form is there to try again
    monkeypatch.setattr(backend, "candidates", real_candidates)
    response = client.get(URL, {"q": "coworking"})
    assert response.status_code == 200 and b"Hubs" in response.content
