"""The Whoosh backend's shortcuts give what Whoosh's own slower paths give: exact totals in one
pass, snippets from one-pass tokens, a searcher kept open but never stale."""

import random

import pytest

from search.backends.whoosh import WhooshBackend
from search.index import MARK_END, MARK_START
from search.query import parse_query
from tests.search.helpers import doc

WORDS = (  # noqa: SIM905
    "village villages running runs the a us is it hub hubs coliving network state states "
    "chiang mai governance charter café zürich 3.14 U.S.A. naïve x y"
).split()


@pytest.fixture
def backend(tmp_path):
    return WhooshBackend("whoosh", {"PATH": str(tmp_path / "index"), "LOCK_TIMEOUT": 0.3})


def text(rng, words):
    return " ".join(rng.choice(WORDS) for _ in range(words)) + "."


def test_totals_are_exact_with_filters_and_on_later_pages(backend, monkeypatch):
    from search.backends import whoosh

    monkeypatch.setattr(whoosh, "POOL", 10_000)  # exact below it; past it, below
    rng = random.Random(7)
    backend.add_many(
        doc(n, text(rng, 3), text(rng, 40), search_type="pages" if n % 3 else "forum",
            filters=[f"scale={'small' if n % 2 else 'large'}"])
        for n in range(300)
    )
    ix = backend._ix()
    for query_text in ["village", "network state", "hub OR coliving", "governance -charter"]:
        query = parse_query(query_text)
        compiled = backend._compile(query, ix.schema)
        with ix.searcher() as searcher:
            matching = set(searcher.docs_for_query(compiled))
            fields = {n: searcher.stored_fields(n) for n in matching}
        pages_small = [n for n in matching if fields[n]["type"] == "pages"]
        assert backend.search(query, limit=5).total == len(matching) > 5
        narrowed = backend.search(query, types=["pages"], filters=["scale=small"], offset=20)
        expected = sum(1 for n in pages_small if int(fields[n]["pk"]) % 2)
        assert narrowed.total == expected
    monkeypatch.setattr(whoosh, "POOL", 10)
    estimated = backend.search(parse_query("village"), limit=5)
    assert estimated.estimated and estimated.total >= 285  # an upper bound, labelled "about"


def test_marks_equal_whoosh_analyzer_tokens(backend):
    """The one-pass tokens mark exactly what Whoosh's own analyzer chain matches."""
    rng = random.Random(3)
    texts = [text(rng, rng.randint(0, 300)) for _ in range(200)] + ["", "The ies U.S.A. ..."]
    schema = backend._ix().schema
    analyzer = schema["text_d"].analyzer
    slow = WhooshBackend("whoosh", backend.options)
    slow._tokens = None  # Whoosh's chain of generators
    for query_text in ["village running", "chiang mai", "us is", "café zürich", "hub OR states"]:
        terms = frozenset(backend._analyse(" ".join(parse_query(query_text).words), schema))
        for snippet_text in texts:
            marked = backend._mark(snippet_text, terms, analyzer)
            assert marked == slow._mark(snippet_text, terms, analyzer)
            assert marked.replace(MARK_START, "").replace(MARK_END, "") == snippet_text


def test_searcher_is_kept_until_the_index_changes(backend):
    backend.add(doc(1, "Chiang Mai"))
    assert backend.search(parse_query("chiang")).total == 1
    searcher = backend._local.searcher
    backend.search(parse_query("mai"))
    assert backend._local.searcher is searcher
    backend.add(doc(2, "Chiang Rai"))
    assert backend.search(parse_query("chiang")).total == 2
    assert backend._local.searcher is not searcher


def test_a_refresh_that_fails_midway_never_leaves_a_closed_searcher_behind(backend, monkeypatch):
    """Whoosh's refresh() marks the searcher closed before opening the new reader; when opening
    fails (a writer's commit deleted a file mid-read), the old code kept that closed searcher and
    every later search raised ReaderClosed until the worker restarted."""
    from whoosh.searching import Searcher

    backend.add(doc(1, "Hubs", "coworking hubs"))
    query = parse_query("coworking")
    assert backend.search(query).total == 1  # this thread's searcher is now cached
    backend.add(doc(2, "More hubs", "coworking again"))  # so the next search refreshes
    real_refresh = Searcher.refresh

    def refresh_racing_a_writer(self):
        self.is_closed = True  # as Whoosh does, before opening the new reader
        raise FileNotFoundError("_MAIN_20.toc")

    monkeypatch.setattr(Searcher, "refresh", refresh_racing_a_writer)
    assert backend.search(query).total == 2  # reopened at once, not a ReaderClosed
    monkeypatch.setattr(Searcher, "refresh", real_refresh)
    backend.add(doc(3, "Third", "coworking thrice"))
    assert backend.search(query).total == 3


def test_an_index_that_keeps_failing_is_unavailable_then_recovers(backend, monkeypatch):
    from search.backends import SearchUnavailable

    backend.add(doc(1, "Hubs", "coworking hubs"))
    query = parse_query("coworking")

    def broken(*args, **kwargs):
        raise OSError("disk gone")

    monkeypatch.setattr(backend, "_searcher", broken)
    with pytest.raises(SearchUnavailable):
        backend.search(query)
    monkeypatch.undo()
    assert backend.search(query).total == 1


def test_an_index_from_before_the_vocabulary_gains_it(tmp_path):
    from whoosh import index

    from search.backends.whoosh import _schema

    old = _schema()
    old.remove("spelling")
    index.create_in(str(tmp_path), old)
    backend = WhooshBackend("whoosh", {"PATH": str(tmp_path), "LOCK_TIMEOUT": 0.3})
    backend.add(doc(1, "Hubs", "coworking hubs"))
    assert backend.corrections("hbus") == ["hubs"]
    assert backend.search(parse_query("hubs")).total == 1
