"""What a search shows, on each backend: one result per thing with its kind, clean snippets,
"Did you mean …", and header suggestions that never look the same twice."""

import re

import pytest
from django.db import connection
from django.urls import reverse

from search import results
from search.results import search_site, suggest_titles
from taxonomy import editing as taxonomy_editing

URL = reverse("search:search")
SUGGEST = reverse("search:suggest")


@pytest.fixture(params=["whoosh", "postgres"])
def site_backend(request, settings, db):
    """The whole site searching with each backend (content made after this is indexed there)."""
    if request.param == "postgres" and connection.vendor != "postgresql":
        pytest.skip("the PostgreSQL backend needs DATABASE_URL=postgres://…")
    settings.SEARCH_BACKEND = request.param
    return request.param


@pytest.fixture
def hubs(site_backend, indexed, small_scale, make_page):
    """The category "Hubs" with its article, and another page called "Hubs" elsewhere."""
    category = indexed(taxonomy_editing.create_node, user=None, parent=small_scale,
                       name="Hubs", slug="hubs", summary="Coworking and coliving places.")
    article = make_page("network-societies/hubs", "Hubs",
                        "A hub is where nomads work and live together for a season.")
    guide = make_page("guides/hubs", "Hubs", "How to pick one of the hubs in a city.")
    return category, article, guide


def shown(outcome):
    return [(r.kind, r.title, r.url) for r in outcome.page.object_list]


def test_a_thread_with_three_matching_posts_is_one_result(site_backend, make_thread):
    make_thread("Where to stay", "The zebrafinch cafe is good.", "Any zebrafinch nearby?",
                "Unrelated post.", "A zebrafinch, a coworking space, opened in Lisbon.")
    make_thread("Other talk", "Nothing about birds.")
    outcome = search_site("zebrafinch")
    assert outcome.count == 1 and not outcome.estimated
    (result,) = outcome.page.object_list
    assert (result.kind, result.title) == ("thread", "Where to stay")
    assert result.also == ["3 matching posts"]
    assert "<mark>zebrafinch</mark>" in result.snippet


def test_the_thread_itself_shows_when_its_title_matches(site_backend, make_thread):
    thread = make_thread("Zebrafinch meetups", "zebrafinch again", "and zebrafinch once more")
    (result,) = search_site("zebrafinch").page.object_list
    assert result.url == thread.get_absolute_url() and result.kind == "thread"
    assert result.also == ["2 matching posts"]
    assert "<mark>zebrafinch</mark> again" in result.snippet or "once more" in result.snippet


def test_a_concept_and_its_article_are_one_result_each_labelled(hubs):
    category, _article, guide = hubs
    outcome = search_site("hubs")
    found = shown(outcome)
    assert found.count(("category", "Hubs", category.get_absolute_url())) == 1
    assert ("page", "Hubs", guide.get_absolute_url()) in found
    assert len(found) == 2 == outcome.count
    concept = outcome.page.object_list[found.index(
        ("category", "Hubs", category.get_absolute_url()))]
    assert concept.also == ["its article matches"]


def test_snippets_start_and_end_at_boundaries_with_highlights(site_backend, make_page):
    sentences = [f"Sentence number {n} talks about ordinary things." for n in range(30)]
    sentences[12] = "The Quetzalcoatl festival gathers builders for a month each spring."
    make_page("long", "Long page", " ".join(sentences))
    (result,) = search_site("quetzalcoatl").page.object_list
    text = str(result.snippet)
    assert text.startswith("The <mark>Quetzalcoatl</mark> festival")
    plain = re.sub(r"</?mark>", "", text)
    assert plain.endswith((".", " …"))
    words = set(" ".join(sentences).split())
    assert all(word in words for word in plain.removesuffix(" …").split())  # no cut word
    assert "<" not in re.sub(r"</?mark>", "", text)


def test_hostile_text_never_shows_as_markup(site_backend, make_page):
    make_page("x", "X", "Before <script>alert('owl')</script> **owlbear** [link](https://e.org).")
    html = str(search_site("owlbear").page.object_list[0].snippet)
    assert "<mark>owlbear</mark>" in html
    assert "<script" not in html and "**" not in html and "](" not in html


def test_did_you_mean_offers_a_word_of_the_index(site_backend, client, hubs):
    outcome = search_site("hbus")
    assert outcome.count == 0 and outcome.correction == "hubs"
    assert search_site('coworking "pop ups" -hbus').correction == ""  # only what finds nothing
    html = client.get(URL, {"q": "hbus"}).content.decode()
    assert 'Did you mean <a href="?q=hubs" rel="nofollow"><strong>hubs</strong></a>?' in html
    assert search_site("hubs").correction == ""
    assert search_site("qqqqqq").correction == ""


def test_suggestions_tell_the_category_and_the_page_apart(site_backend, client, hubs):
    category, _article, guide = hubs
    suggestions = client.get(SUGGEST, {"q": "hub"}).json()["suggestions"]
    labels = [s["label"] for s in suggestions]
    assert labels == ["Hubs (category)", "Hubs (page)"]  # the article is the category's
    assert [s["url"] for s in suggestions] == [
        category.get_absolute_url(), guide.get_absolute_url()]
    assert [s["kind"] for s in suggestions] == ["Category", "Page"]


def test_suggestions_tolerate_one_typo(hubs):
    assert {s["label"] for s in suggest_titles("hbus")} == {"Hubs (category)", "Hubs (page)"}
    assert suggest_titles("hbu")  # while typing
    assert suggest_titles("zzzz") == []


def test_same_titles_of_one_kind_say_where_they_are(site_backend, make_page):
    make_page("a/hubs", "Hubs", "x")
    make_page("b/hubs", "Hubs", "y")
    assert sorted(s["label"] for s in suggest_titles("hubs")) == [
        "Hubs (page, /a/hubs)", "Hubs (page, /b/hubs)"]


def test_counts_past_the_candidates_are_estimates(site_backend, client, make_page, monkeypatch):
    from search.backends import postgres, whoosh

    monkeypatch.setattr(results, "CANDIDATES", 10)
    monkeypatch.setattr(results, "MAX_CANDIDATES", 10)
    monkeypatch.setattr(postgres, "POOL", 10)
    monkeypatch.setattr(whoosh, "POOL", 10)
    for n in range(30):
        make_page(f"many-{n}", f"Page {n}", f"A capybara text {n}.")
    outcome = search_site("capybara")
    assert outcome.estimated and outcome.count >= 10
    html = client.get(URL, {"q": "capybara"}).content.decode()
    assert re.search(r"About \d+ results for", html)


def test_about_rounds():
    assert [results.about(n) for n in (7, 99, 100, 3417, 98_765)] == [7, 99, 100, 3400, 99_000]


def test_a_part_said_twice_is_shown_once():
    from search.snippets import render_snippet

    assert render_snippet("Permanent places. · Permanent places. · More.") == \
        "Permanent places. · More."


def test_the_check_says_when_trigrams_are_missing(settings, monkeypatch, db):
    if connection.vendor != "postgresql":
        pytest.skip("a PostgreSQL check")
    from search.backends import get_backend
    from search.checks import postgres_trigrams_available

    settings.SEARCH_BACKEND = "postgres"
    assert postgres_trigrams_available(None, databases=["default"]) == []
    monkeypatch.setattr(get_backend(), "has_trigrams", lambda: False)
    (warning,) = postgres_trigrams_available(None, databases=["default"])
    assert warning.id == "search.W002"
