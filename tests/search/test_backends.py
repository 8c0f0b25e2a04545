"""One class of behaviour, run against every backend: Whoosh always, PostgreSQL full-text when
the test database is PostgreSQL."""

import threading

import pytest
from django.db import connection

from search.backends import IndexLocked
from search.backends.postgres import PostgresBackend
from search.backends.whoosh import WhooshBackend
from search.index import MARK_END, MARK_START
from search.query import parse_query
from search.snippets import render_snippet
from tests.search.helpers import doc


@pytest.fixture(params=["whoosh", "postgres"])
def backend(request, tmp_path, db):
    if request.param == "postgres":
        if connection.vendor != "postgresql":
            pytest.skip("the PostgreSQL backend needs DATABASE_URL=postgres://…")
        return PostgresBackend("postgres", {"LOCK_TIMEOUT": 0.3})
    return WhooshBackend("whoosh", {"PATH": str(tmp_path / "index"), "LOCK_TIMEOUT": 0.3})


def keys(backend, text, **kwargs):
    return [f"{hit.model}:{hit.pk}" for hit in backend.search(parse_query(text), **kwargs).hits]


class TestBackendBehaviour:
    def test_add_search_count_delete_reset(self, backend):
        backend.add_many([doc(1, "Chiang Mai nomads"), doc(2, "Lisbon hub", "coworking")])
        assert backend.count() == 2
        assert keys(backend, "chiang mai") == ["test.thing:1"]
        assert keys(backend, "coworking") == ["test.thing:2"]
        backend.delete("test.thing:1")
        assert keys(backend, "chiang") == []
        assert backend.count() == 1
        backend.reset()
        assert backend.count() == 0
        assert keys(backend, "coworking") == []

    def test_adding_again_replaces(self, backend):
        backend.add(doc(1, "Old title"))
        backend.add(doc(1, "New title"))
        assert backend.count() == 1
        assert keys(backend, "old") == []
        assert keys(backend, "new") == ["test.thing:1"]

    def test_title_above_tags_above_description_above_body(self, backend):
        backend.add_many([
            doc(1, "Other", "zuzalu"),
            doc(2, "Other", description="zuzalu"),
            doc(3, "Zuzalu"),
            doc(4, "Other", tags="zuzalu"),
        ])
        assert keys(backend, "zuzalu") == [f"test.thing:{n}" for n in (3, 4, 2, 1)]

    def test_all_words_must_match_and_stems_match(self, backend):
        backend.add_many([doc(1, "Pop-up villages", "people living together"), doc(2, "Villages")])
        assert keys(backend, "village living") == ["test.thing:1"]

    def test_phrase(self, backend):
        backend.add_many([
            doc(1, "T", "network state founders"), doc(2, "T", "state of the network")])
        assert keys(backend, '"network state"') == ["test.thing:1"]
        assert sorted(keys(backend, "network state")) == ["test.thing:1", "test.thing:2"]

    def test_exclusion_and_or(self, backend):
        backend.add_many([
            doc(1, "Hub", "coworking"), doc(2, "Hub", "coliving"), doc(3, "Village", "farm"),
        ])
        assert keys(backend, "hub -coworking") == ["test.thing:2"]
        assert sorted(keys(backend, "coworking OR farm")) == ["test.thing:1", "test.thing:3"]
        assert keys(backend, 'hub -"coliving"') == ["test.thing:1"]

    def test_stop_words_alone_find_nothing(self, backend):
        backend.add(doc(1, "The state of the art"))
        assert keys(backend, "the of") == []

    def test_types_and_filters_narrow(self, backend):
        backend.add_many([
            doc(1, "Hub", search_type="pages", filters=["tag_slugs=asia"]),
            doc(2, "Hub", search_type="taxonomy", filters=["scale=small"]),
            doc(3, "Hub", search_type="forum", filters=["scale=small", "tag_slugs=asia"]),
        ])
        assert keys(backend, "hub", types=["taxonomy"]) == ["test.thing:2"]
        assert sorted(keys(backend, "hub", filters=["tag_slugs=asia"])) == [
            "test.thing:1", "test.thing:3"]
        assert keys(backend, "hub", filters=["tag_slugs=asia", "scale=small"]) == ["test.thing:3"]
        assert keys(backend, "hub", types=["pages"], filters=["scale=small"]) == []

    def test_pages_of_results_and_total(self, backend):
        backend.add_many([doc(n, f"Hub {n}") for n in range(25)])
        first = backend.search(parse_query("hub"), offset=0, limit=10)
        last = backend.search(parse_query("hub"), offset=20, limit=10)
        assert (first.total, len(first.hits), last.total, len(last.hits)) == (25, 10, 25, 5)
        every = {h.pk for offset in (0, 10, 20)
                 for h in backend.search(parse_query("hub"), offset=offset, limit=10).hits}
        assert len(every) == 25
        assert backend.search(parse_query("hub"), offset=40, limit=10).hits == []

    def test_snippet_marks_the_match_and_is_escaped_when_shown(self, backend):
        body = "Long before. <script>alert(1)</script> The nomads of Chiang Mai met. " * 3
        backend.add(doc(1, "Title", body))
        snippet = backend.search(parse_query("nomads")).hits[0].snippet
        assert f"{MARK_START}nomads{MARK_END}" in snippet
        html = render_snippet(snippet)
        assert "<mark>nomads</mark>" in html
        # Whoosh keeps the tag as text (escaped); ts_headline drops it: never markup either way.
        assert "<" not in html.replace("<mark>", "").replace("</mark>", "")

    def test_content_cannot_fake_a_highlight(self, backend):
        backend.add(doc(1, "T", "plain words"))
        html = render_snippet(backend.search(parse_query("plain")).hits[0].snippet)
        assert html.count("<mark>") == 1

    def test_a_failed_batch_stores_nothing(self, backend):
        backend.add(doc(1, "Kept"))
        with pytest.raises(RuntimeError), backend.batch() as writer:
            writer.add_many([doc(2, "Lost")])
            writer.delete_many(["test.thing:1"])
            raise RuntimeError
        assert keys(backend, "kept") == ["test.thing:1"]
        assert keys(backend, "lost") == []

    def test_snippets_mark_every_match_and_cut_at_boundaries(self, backend):
        body = ("Coliving is common. Many founders move every season between places. "
                "The coworking hubs in Lisbon host nomads for a month. " + "Filler text. " * 40)
        backend.add(doc(1, "Title", body))
        marked = backend.snippets(parse_query("hub"), ["test.thing:1"])["test.thing:1"]
        assert f"{MARK_START}hubs{MARK_END}" in marked
        html = str(render_snippet(marked))
        # Both backends: the sentence with the match, whole, and a word-boundary end.
        assert html.startswith("Many founders") or html.startswith("The coworking")
        assert "<mark>hubs</mark>" in html and html.endswith((".", "…"))
        assert backend.snippets(parse_query("hub"), ["test.thing:404"]) == {}

    def test_corrections_come_from_the_vocabulary(self, backend):
        backend.add_many([
            doc(1, "Hubs", "coworking hubs everywhere"), doc(2, "Hub life", "coliving"),
            doc(3, "Buses", "bus has"),
        ])
        assert backend.corrections("hbus")[0] == "hubs"  # a swap is one edit
        assert backend.corrections("hbu")[0] == "hub"
        assert "coworking" in backend.corrections("cowroking")
        assert "coliving" in backend.corrections("colivign")
        assert backend.corrections("zzzz") == []
        assert "bus" not in backend.corrections("hbus")  # the first letter is kept
        assert "coliving" not in backend.corrections("cols")  # too far for a short word

    def test_candidates_are_bounded_and_counts_estimated_past_them(self, backend, monkeypatch):
        from search.backends import postgres, whoosh

        monkeypatch.setattr(postgres, "POOL", 30)
        monkeypatch.setattr(whoosh, "POOL", 30)
        backend.add_many(
            [doc(n, f"Note {n}", "common word " * (1 + n % 5)) for n in range(80)]
            + [doc(100, "Common", "the title says it")]
        )
        if isinstance(backend, PostgresBackend):
            with connection.cursor() as cursor:
                cursor.execute("ANALYZE search_searchentry")
        found = backend.candidates(parse_query("common"), limit=10)
        assert len(found.hits) == 10 and found.estimated and found.total >= 30
        # The best title match is always a candidate, however many bodies match.
        assert found.hits[0].key == "test.thing:100"
        few = backend.candidates(parse_query("title"), limit=10)
        assert (few.total, few.estimated) == (1, False)

    def test_digests_fingerprint_content(self, backend):
        backend.add_many([doc(1, "A"), doc(2, "B")])
        assert backend.digests() == {
            "test.thing:1": doc(1, "A").digest, "test.thing:2": doc(2, "B").digest}
        assert doc(1, "A").digest != doc(1, "A", "changed").digest


def test_whoosh_one_writer_at_a_time(tmp_path):
    first = WhooshBackend("whoosh", {"PATH": str(tmp_path), "LOCK_TIMEOUT": 0.2})
    second = WhooshBackend("whoosh", {"PATH": str(tmp_path), "LOCK_TIMEOUT": 0.2})
    with first.batch() as writer:
        writer.add_many([doc(1, "Held")])
        with pytest.raises(IndexLocked):
            second.add(doc(2, "Waiting"))
    second.add(doc(2, "Waiting"))
    assert second.count() == 2


def test_whoosh_writer_waits_for_the_lock(tmp_path):
    first = WhooshBackend("whoosh", {"PATH": str(tmp_path), "LOCK_TIMEOUT": 5})
    second = WhooshBackend("whoosh", {"PATH": str(tmp_path), "LOCK_TIMEOUT": 5})
    released = threading.Event()

    def hold():
        with first.batch() as writer:
            writer.add_many([doc(1, "First")])
            released.wait(0.3)

    thread = threading.Thread(target=hold)
    thread.start()
    second.add(doc(2, "Second"))  # blocks until the first writer commits
    thread.join()
    assert second.count() == 2
