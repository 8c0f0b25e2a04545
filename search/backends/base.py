"""The one interface every search backend implements (add, add_many, delete, search, reset,
count), over plain ``search.index.Document`` values so backends never touch models."""

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
    snippet: str  # plain text with MARK_START/MARK_END around matches; escape before showing


@dataclass(frozen=True)
class SearchResults:
    hits: list
    total: int


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
        """Ranked SearchResults for a ``search.query.Query``; ``types`` narrows to search types
        and every "name=value" in ``filters`` must be on a document."""
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
