"""PostgreSQL full-text backend, for sites with several app servers: the index is a table
(search.SearchEntry) with a weighted tsvector and a GIN index, queried with
websearch_to_tsquery and marked for snippets with ts_headline.

Ranking reads every candidate's vector, so candidates are bounded: at most ``POOL`` matches plus
the best title matches (an index of its own), ranked; past that the count is the planner's
estimate. The vocabulary (search.SearchWord) answers corrections: words one edit away by their
primary key, and with pg_trgm the nearest words by trigrams.

Writes take a transaction-scoped advisory lock, so batches from different processes apply one
after another, like Whoosh's single writer.
"""

import json
import string
import time
from collections import Counter
from contextlib import contextmanager

from django.db import DatabaseError, connection, transaction

from search import vocabulary
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
    vector @@ query.q AND NOT vector @@ query.x
    AND (%(types)s::text[] IS NULL OR search_type = ANY(%(types)s::text[]))
    AND (%(filters)s::jsonb IS NULL OR filters @> %(filters)s::jsonb)
"""
_QUERY = """
    (SELECT websearch_to_tsquery(%(config)s::regconfig, %(q)s) AS q,
            websearch_to_tsquery(%(config)s::regconfig, %(excluded)s) AS x) AS query
"""
# Two bounded pools, ranked as they are read: any POOL matches (the GIN index, no ordering),
# and the first POOL whose title matches (so "Hubs" is a candidate for "hub" however many bodies
# mention hubs). ``pooled`` < POOL means the pool held every match: the exact count.
_POOL_SELECT = (
    "SELECT e.id, e.model, e.object_id, ts_rank(e.vector, query.q) AS rank, query.q::text AS tsq "
    "FROM search_searchentry e, " + _QUERY + " WHERE " + _MATCHING
)
_CANDIDATES = (  # constant SQL: every value is a parameter
    "WITH pool AS ((" + _POOL_SELECT  # noqa: S608
    + " AND to_tsvector('english'::regconfig, e.title) @@ query.q LIMIT %(pool)s)"
    + " UNION (" + _POOL_SELECT + " LIMIT %(pool)s))"
    + """
SELECT model, object_id, rank, count(*) OVER () AS pooled, tsq
FROM pool
ORDER BY rank DESC, id
LIMIT %(limit)s
"""
)
_ESTIMATE = (  # constant SQL: every value is a parameter
    "EXPLAIN (FORMAT JSON) SELECT 1 FROM search_searchentry, "  # noqa: S608
    "(SELECT %(tsquery)s::tsquery AS q, websearch_to_tsquery(%(config)s::regconfig, "
    "%(excluded)s) AS x) AS query WHERE " + _MATCHING
)
# The whole stored text (up to a bound) with every match marked; search.snippets cuts it.
# Each key is looked up by the (model, object_id) index: a join would let the planner scan the
# whole table for twenty rows.
_SNIPPETS = """
SELECT e.model || ':' || e.object_id,
    ts_headline(%(config)s::regconfig, left(e.snippet, %(chars)s),
                websearch_to_tsquery(%(config)s::regconfig, %(q)s), %(headline)s)
FROM unnest(%(models)s::text[], %(pks)s::text[]) AS k(model, object_id),
    LATERAL (SELECT model, object_id, snippet FROM search_searchentry
             WHERE model = k.model AND object_id = k.object_id) AS e
"""
_ADD_WORDS = """
INSERT INTO search_searchword (word, documents)
SELECT * FROM unnest(%s::text[], %s::int[])
ON CONFLICT (word) DO UPDATE SET documents = search_searchword.documents + EXCLUDED.documents
"""
POOL = 250
SNIPPET_SOURCE_CHARS = 50_000
HEADLINE_OPTIONS = f'HighlightAll=true, StartSel="{MARK_START}", StopSel="{MARK_END}"'
_LETTERS = string.ascii_lowercase


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
            self.add_words(documents)

    def add_words(self, documents):
        """Count the documents' words into the vocabulary: one statement per batch."""
        counts = Counter(word for doc in documents for word in vocabulary.words_of(doc))
        if counts:
            with connection.cursor() as cursor:
                cursor.execute(_ADD_WORDS, [list(counts), list(counts.values())])

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
                    cursor.execute("DELETE FROM search_searchword")
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

    def candidates(self, query, *, types=(), filters=(), limit=200):
        if not query:
            return SearchResults([], 0)
        params = {
            "config": self.config,
            "q": " ".join(websearch(group, " OR ") for group in query.groups),
            "excluded": websearch(query.excluded, " OR "),
            "types": list(types) or None,
            "filters": json.dumps(list(filters)) if filters else None,
            "pool": max(POOL, limit),
            "limit": limit,
        }
        try:
            with transaction.atomic(), connection.cursor() as cursor:
                # The planner reads a common word's matches with a sequential scan, unaware that
                # testing each row means reading its whole vector; the index reads only those.
                # Turned off for this one statement (the request may be inside a transaction).
                cursor.execute(
                    "SELECT current_setting('enable_seqscan'), "
                    "set_config('enable_seqscan', 'off', true)"
                )
                previous = cursor.fetchone()[0]
                cursor.execute(_CANDIDATES, params)
                rows = cursor.fetchall()
                cursor.execute("SELECT set_config('enable_seqscan', %s, true)", [previous])
                hits = [SearchHit(model, pk, rank) for model, pk, rank, *_ in rows]
                pooled = rows[0][3] if rows else 0
                if pooled < params["pool"]:
                    return SearchResults(hits, pooled)
                cursor.execute(_ESTIMATE, {**params, "tsquery": rows[0][4]})
                plan = cursor.fetchone()[0]
        except DatabaseError as error:
            raise SearchUnavailable(f"The search table could not be queried: {error!r}") \
                from error
        if isinstance(plan, str):
            plan = json.loads(plan)
        estimate = int(plan[0]["Plan"]["Plan Rows"])
        return SearchResults(hits, max(estimate, pooled), estimated=True)

    def snippets(self, query, keys):
        pairs = [key.rsplit(":", 1) for key in keys]
        if not query or not pairs:
            return {}
        params = {
            "config": self.config,
            "q": " ".join(websearch(group, " OR ") for group in query.groups),
            "headline": HEADLINE_OPTIONS,
            "chars": SNIPPET_SOURCE_CHARS,
            "models": [model for model, _ in pairs],
            "pks": [pk for _, pk in pairs],
        }
        try:
            with connection.cursor() as cursor:
                cursor.execute(_SNIPPETS, params)
                return dict(cursor.fetchall())
        except DatabaseError as error:
            raise SearchUnavailable(f"The search table could not be queried: {error!r}") \
                from error

    def corrections(self, word, limit=3):
        word = word.lower()[: vocabulary.MAX_WORD]
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT word, documents FROM search_searchword WHERE word = ANY(%s)",
                [sorted(one_edit(word))],
            )
            found = dict(cursor.fetchall())
            if self.has_trigrams():
                # The nearest words by trigrams: two-edit typos of longer words.
                cursor.execute(
                    "SELECT word, documents FROM search_searchword ORDER BY word <-> %s LIMIT 30",
                    [word],
                )
                found.update(cursor.fetchall())
        return vocabulary.rank(word, found, limit)

    def has_trigrams(self):
        """Whether pg_trgm and the vocabulary's trigram index exist (migration 0003)."""
        if getattr(self, "_trigrams", None) is None:
            with connection.cursor() as cursor:
                cursor.execute(
                    "SELECT EXISTS (SELECT 1 FROM pg_indexes WHERE indexname = 'search_word_trgm')"
                )
                self._trigrams = cursor.fetchone()[0]
        return self._trigrams


def one_edit(word):
    """Every string one deletion, swap, replacement or insertion away from ``word``."""
    letters = set(_LETTERS) | set(word)
    splits = [(word[:i], word[i:]) for i in range(len(word) + 1)]
    variants = {a + b[1:] for a, b in splits if b}
    variants |= {a + b[1] + b[0] + b[2:] for a, b in splits if len(b) > 1}
    variants |= {a + c + b[1:] for a, b in splits if b for c in letters}
    variants |= {a + c + b for a, b in splits for c in letters}
    variants.discard(word)
    return variants
