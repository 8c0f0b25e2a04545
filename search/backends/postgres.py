"""PostgreSQL full-text backend, for sites with several app servers: the index is a table
(search.SearchEntry) with a weighted tsvector and a GIN index, queried with
websearch_to_tsquery and cut into snippets with ts_headline.

Writes take a transaction-scoped advisory lock, so batches from different processes apply one
after another, like Whoosh's single writer.
"""

import json
import time
from contextlib import contextmanager

from django.db import DatabaseError, connection, transaction

from search.index import MARK_END, MARK_START, WEIGHTS

from .base import IndexLocked, SearchBackend, SearchHit, SearchResults, SearchUnavailable

ADVISORY_LOCK_KEY = 0x5EA4C1  # any constant unique to this app
# Only constant SQL below; every value is a query parameter.
_UPSERT = """
INSERT INTO search_searchentry
    (model, object_id, search_type, title, snippet, filters, digest, vector)
VALUES (%s, %s, %s, %s, %s, %s::jsonb, %s,
    setweight(to_tsvector(%s::regconfig, %s), 'A')
    || setweight(to_tsvector(%s::regconfig, %s), 'B')
    || setweight(to_tsvector(%s::regconfig, %s), 'C')
    || setweight(to_tsvector(%s::regconfig, %s), 'D'))
ON CONFLICT (model, object_id) DO UPDATE SET
    search_type = EXCLUDED.search_type, title = EXCLUDED.title, snippet = EXCLUDED.snippet,
    filters = EXCLUDED.filters, digest = EXCLUDED.digest, vector = EXCLUDED.vector
"""

# A rebuild's bulk insert: one statement per batch of documents, passed as arrays, with every
# tsvector computed by PostgreSQL in the same statement (the table was emptied first).
_BULK_INSERT = """
INSERT INTO search_searchentry
    (model, object_id, search_type, title, snippet, filters, digest, vector)
SELECT model, object_id, search_type, title, snippet, filters::jsonb, digest,
    setweight(to_tsvector(%(config)s::regconfig, a), 'A')
    || setweight(to_tsvector(%(config)s::regconfig, b), 'B')
    || setweight(to_tsvector(%(config)s::regconfig, c), 'C')
    || setweight(to_tsvector(%(config)s::regconfig, d), 'D')
FROM unnest(%(model)s::text[], %(object_id)s::text[], %(search_type)s::text[], %(title)s::text[],
    %(snippet)s::text[], %(filters)s::text[], %(digest)s::text[], %(a)s::text[], %(b)s::text[],
    %(c)s::text[], %(d)s::text[])
    AS document(model, object_id, search_type, title, snippet, filters, digest, a, b, c, d)
"""

# Matching rows: the positive query matches, the exclusions do not (an empty exclusion matches
# nothing, so NOT keeps every row), narrowed by types and filters when given (NULL = no filter).
_MATCHING = """
    FROM search_searchentry,
        websearch_to_tsquery(%(config)s::regconfig, %(q)s) AS query,
        websearch_to_tsquery(%(config)s::regconfig, %(excluded)s) AS excluded
    WHERE vector @@ query AND NOT vector @@ excluded
        AND (%(types)s::text[] IS NULL OR search_type = ANY(%(types)s::text[]))
        AND (%(filters)s::jsonb IS NULL OR filters @> %(filters)s::jsonb)
"""

# ts_headline runs only on the page of hits, not on every match.
_SEARCH = (
    """
SELECT e.model, e.object_id, e.rank,
    ts_headline(%(config)s::regconfig, e.snippet, e.query, %(headline)s), e.total
FROM (
    SELECT id, model, object_id, snippet, query, ts_rank(vector, query) AS rank,
        count(*) OVER () AS total
"""
    + _MATCHING
    + """
    ORDER BY rank DESC, id
    LIMIT %(limit)s OFFSET %(offset)s
) e
ORDER BY e.rank DESC, e.id
"""
)
_COUNT = "SELECT count(*)" + _MATCHING

HEADLINE_OPTIONS = (
    f'StartSel="{MARK_START}", StopSel="{MARK_END}", MaxFragments=2, MaxWords=35, MinWords=15, '
    'FragmentDelimiter=" … "'
)


def websearch(terms, joiner):
    """A websearch_to_tsquery string; every word is quoted, so none is read as an operator."""
    return joiner.join('"' + " ".join(words) + '"' for words in terms)


class _Writer:
    def __init__(self, config):
        self.config = config

    def add_many(self, documents):
        rows = []
        for doc in documents:
            row = [
                doc.model, doc.pk, doc.search_type, doc.title, doc.snippet_text,
                json.dumps(list(doc.filters)), doc.digest,
            ]
            for weight in WEIGHTS:  # A, B, C, D: the order of the setweight() calls
                row += [self.config, doc.texts.get(weight, "")]
            rows.append(row)
        if rows:
            with connection.cursor() as cursor:
                cursor.executemany(_UPSERT, rows)

    def delete_many(self, keys):
        pairs = [key.rsplit(":", 1) for key in keys]
        if pairs:
            with connection.cursor() as cursor:
                cursor.executemany(
                    "DELETE FROM search_searchentry WHERE model = %s AND object_id = %s", pairs
                )


class _BulkWriter(_Writer):
    """The writer of a rebuild: the table starts empty, so every batch is one INSERT."""

    def add_many(self, documents):
        if not documents:
            return
        columns = {name: [] for name in (
            "model", "object_id", "search_type", "title", "snippet", "filters", "digest")}
        columns.update({weight.lower(): [] for weight in WEIGHTS})
        for doc in documents:
            for name, value in (
                ("model", doc.model), ("object_id", doc.pk), ("search_type", doc.search_type),
                ("title", doc.title), ("snippet", doc.snippet_text),
                ("filters", json.dumps(list(doc.filters))), ("digest", doc.digest),
            ):
                columns[name].append(value)
            for weight in WEIGHTS:
                columns[weight.lower()].append(doc.texts.get(weight, ""))
        with connection.cursor() as cursor:
            cursor.execute(_BULK_INSERT, {"config": self.config, **columns})


class PostgresBackend(SearchBackend):
    def __init__(self, alias, options):
        super().__init__(alias, options)
        self.config = options.get("CONFIG", "english")

    @contextmanager
    def batch(self, clear=False):
        with transaction.atomic():
            self._lock()
            if clear:
                with connection.cursor() as cursor:
                    cursor.execute("DELETE FROM search_searchentry")
            yield _Writer(self.config)

    @contextmanager
    def rebuild_batch(self):
        with self.batch(clear=True):
            yield _BulkWriter(self.config)

    def _lock(self):
        deadline = time.monotonic() + self.lock_timeout
        with connection.cursor() as cursor:
            while True:
                cursor.execute("SELECT pg_try_advisory_xact_lock(%s)", [ADVISORY_LOCK_KEY])
                if cursor.fetchone()[0]:
                    return
                if time.monotonic() > deadline:
                    raise IndexLocked("Another process is writing to the search index.")
                time.sleep(0.05)

    def count(self):
        with connection.cursor() as cursor:
            cursor.execute("SELECT count(*) FROM search_searchentry")
            return cursor.fetchone()[0]

    def digests(self):
        with connection.cursor() as cursor:
            cursor.execute("SELECT model, object_id, digest FROM search_searchentry")
            return {f"{model}:{pk}": digest for model, pk, digest in cursor.fetchall()}

    def search(self, query, *, types=(), filters=(), offset=0, limit=20):
        if not query:
            return SearchResults([], 0)
        params = {
            "config": self.config,
            "q": " ".join(websearch(group, " OR ") for group in query.groups),
            "excluded": websearch(query.excluded, " OR "),
            "types": list(types) or None,
            "filters": json.dumps(list(filters)) if filters else None,
            "headline": HEADLINE_OPTIONS,
            "limit": limit,
            "offset": offset,
        }
        try:
            return self._search(params, offset)
        except DatabaseError as error:
            raise SearchUnavailable(f"The search table could not be queried: {error!r}") \
                from error

    def _search(self, params, offset):
        with connection.cursor() as cursor:
            cursor.execute(_SEARCH, params)
            rows = cursor.fetchall()
            hits = [
                SearchHit(model=model, pk=pk, score=rank, snippet=snippet or "")
                for model, pk, rank, snippet, _ in rows
            ]
            if rows:
                total = rows[0][4]  # the window count: every match, not just this page
            elif offset:
                cursor.execute(_COUNT, params)  # a page past the end
                total = cursor.fetchone()[0]
            else:
                total = 0
        return SearchResults(hits, total)
