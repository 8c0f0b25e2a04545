"""The rebuild's bulk path writes the same index as documents added one batch at a time, on
each backend, and builds the same documents in forked workers as in one process."""

import pytest
from django.db import connection

from search.backends import get_backend
from search.backends.postgres import PostgresBackend
from search.backends.whoosh import WhooshBackend
from search.index import document_for, indexed_models
from search.maintenance import DocumentBuilder, iter_documents, rebuild
from search.query import parse_query
from tests.search.helpers import doc
from wiki.editing import save_page
from wiki.models import Page


@pytest.fixture(params=["whoosh", "postgres"])
def backend(request, tmp_path, db):
    if request.param == "postgres":
        if connection.vendor != "postgresql":
            pytest.skip("the PostgreSQL backend needs DATABASE_URL=postgres://…")
        return PostgresBackend("postgres", {"LOCK_TIMEOUT": 0.3})
    return WhooshBackend("whoosh", {"PATH": str(tmp_path / "index"), "LOCK_TIMEOUT": 0.3})


def documents():
    return [
        doc(1, "Chiang Mai nomads", "coworking in the old city", tags="Asia"),
        doc(2, "Lisbon hub", "a pop-up city by the river"),
        doc(3, "Zuzalu", "a pop-up village in Montenegro", tags="Europe"),
        doc(4, "Empty body"),
    ]


def hits(backend, text):
    return [f"{hit.model}:{hit.pk}" for hit in backend.search(parse_query(text)).hits]


def test_bulk_rebuild_writes_what_batches_write(backend):
    backend.add_many(documents())
    incremental = backend.digests()
    answers = {q: hits(backend, q) for q in ("pop-up", '"pop-up city"', "asia", "nomads")}
    backend.add_many([doc(9, "Stale entry the rebuild removes")])
    with backend.rebuild_batch() as writer:
        writer.add_many(documents()[:2])
        writer.add_many(documents()[2:])
    assert backend.digests() == incremental
    assert {q: hits(backend, q) for q in answers} == answers
    assert backend.count() == 4


def test_a_failed_rebuild_leaves_the_index_as_it_was(backend):
    backend.add_many(documents())
    with pytest.raises(RuntimeError), backend.rebuild_batch() as writer:
        writer.add_many([doc(7, "Half written")])
        raise RuntimeError("the database went away")
    assert backend.count() == 4
    assert hits(backend, "nomads") == ["test.thing:1"]


@pytest.mark.django_db(transaction=True)
def test_workers_build_the_documents_one_process_builds():
    for n in range(7):
        save_page(path=f"p{n}", title=f"Page {n}", markdown=f"Words [[p{n + 1}]].",
                  author=None)
    save_page(path="draft", title="Draft", markdown="x", author=None, published=False)
    expected = [d.digest for d in iter_documents()]
    with DocumentBuilder(processes=2) as builder:
        if connection.vendor == "sqlite":
            assert builder.pool is None  # the test database lives in this process's memory
        else:
            assert builder.pool is not None
        built = [d.digest for chunk in builder.chunks(chunk_size=3) for d in chunk]
    assert built == expected
    assert len(built) >= 7


@pytest.mark.django_db
def test_documents_are_read_in_batches_of_queries(django_assert_max_num_queries):
    for n in range(12):
        save_page(path=f"q{n}", title=f"Page {n}", markdown="Words.", author=None)
    models = len(indexed_models())
    # Per model its primary keys; per batch of 5 pages one query and the tags' prefetch, never
    # a query per page.
    with DocumentBuilder(processes=1) as builder, django_assert_max_num_queries(models + 3 * 2):
        chunks = list(builder.chunks(chunk_size=5))
    assert [d.key for chunk in chunks for d in chunk] == [d.key for d in iter_documents()]
    assert document_for(Page.objects.get(path="q0")).key in {
        d.key for chunk in chunks for d in chunk}


class _Progress:
    def __init__(self):
        self.total = 0

    def update(self, count):
        self.total += count


@pytest.mark.django_db(transaction=True)
def test_workers_write_the_index_one_process_writes(settings):
    """With forked workers (PostgreSQL; on SQLite's in-memory test database the rebuild runs in
    this process) each worker writes a segment of its own, and the index answers the same."""
    settings.SEARCH_BACKEND = "whoosh"
    for n in range(9):
        save_page(path=f"w{n}", title=f"Village {n}", markdown=f"Hubs and villages {n}.",
                  author=None)
    progress = _Progress()
    assert rebuild(chunk_size=2, processes=2, progress=progress) == progress.total >= 9
    backend = get_backend()
    segments = len(backend._ix()._segments())
    assert segments == (2 if connection.vendor == "postgresql" else 1)
    by_workers = backend.digests(), hits(backend, "village"), backend.corrections("vilages")
    assert rebuild(chunk_size=2, processes=1) == progress.total
    assert (backend.digests(), hits(backend, "village"), backend.corrections("vilages")) \
        == by_workers
    assert len(by_workers[1]) >= 9
