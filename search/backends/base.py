"""The one interface every search backend implements (add, add_many, delete, search, reset,
count), over plain ``search.index.Document`` values so backends never touch models.

A results page asks for a bounded set of ranked ``candidates`` (keys and scores only), groups
them, and asks for ``snippets`` of the few it shows: its cost follows the page, not the number of
matches. ``corrections`` offers words of the index's vocabulary close to a mistyped one."""

from contextlib import contextmanager
from dataclasses import dataclass


class IndexLocked(Exception):
    """Another process holds the index's writer lock; the outbox keeps the update for later."""


class SearchUnavailable(Exception):
    """The index cannot answer now (files mid-rewrite, database error); the search page says so
    instead of failing, and the next search tries again."""


@dataclass(frozen=True)
class SearchHit:
    model: str  # "wiki.page"
    pk: str
    score: float
    snippet: str = ""  # plain text with MARK_START/MARK_END around matches; escape before showing

    @property
    def key(self):
        return f"{self.model}:{self.pk}"


@dataclass(frozen=True)
class SearchResults:
    hits: list
    total: int
    #: True when ``total`` is an estimate (too many matches to count cheaply).
    estimated: bool = False


class SearchBackend:
    """Subclasses implement ``batch``, ``search``, ``reset``, ``count`` and ``digests``."""

    #: Seconds a writer waits for another process's writer before giving up (IndexLocked).
    default_lock_timeout = 10.0

    def __init__(self, alias, options):
        self.alias = alias
        self.options = options
        self.lock_timeout = float(options.get("LOCK_TIMEOUT", self.default_lock_timeout))

    @contextmanager
    def batch(self, clear=False):
        """Yield a writer with ``add_many(documents)`` and ``delete_many(keys)``; everything it
        did is stored together when the block ends, and nothing if it raises. ``clear`` empties
        the index first. Only one batch is open at a time across processes; waiting longer than
        the lock timeout raises IndexLocked."""
        raise NotImplementedError

    def rebuild_batch(self):
        """A ``batch(clear=True)`` for writing the whole index at once; backends that can write
        in bulk (several processes, set-based SQL) do so here."""
        return self.batch(clear=True)

    def add(self, document):
        self.add_many([document])

    def add_many(self, documents):
        with self.batch() as writer:
            writer.add_many(documents)

    def delete(self, key):
        with self.batch() as writer:
            writer.delete_many([key])

    def search(self, query, *, types=(), filters=(), offset=0, limit=20):
        """Ranked SearchResults for a ``search.query.Query``, with snippets; ``types`` narrows to
        search types and every "name=value" in ``filters`` must be on a document."""
        found = self.candidates(query, types=types, filters=filters, limit=offset + limit)
        hits = found.hits[offset:offset + limit]
        marked = self.snippets(query, [hit.key for hit in hits])
        hits = [
            SearchHit(hit.model, hit.pk, hit.score, marked.get(hit.key, "")) for hit in hits
        ]
        return SearchResults(hits, found.total, found.estimated)

    def candidates(self, query, *, types=(), filters=(), limit=200):
        """The best ``limit`` hits (no snippets) and the number of matches, which is an estimate
        (``estimated``) when counting them all would cost more than ranking the candidates."""
        raise NotImplementedError

    def snippets(self, query, keys):
        """{key: the document's snippet text with every match of ``query`` marked} for the
        documents ``keys``; search.snippets cuts the piece to show."""
        raise NotImplementedError

    def corrections(self, word, limit=3):
        """Words of the index's vocabulary one or two edits from ``word`` (search.vocabulary)."""
        raise NotImplementedError

    def reset(self):
        """Empty the index."""
        with self.batch(clear=True):
            pass

    def count(self):
        """How many documents the index holds."""
        raise NotImplementedError

    def digests(self):
        """{document key: content digest} of everything indexed, for search_check."""
        raise NotImplementedError
