"""Whoosh backend: the embedded default, an index folder under var/ and no server to run.

Whoosh is unmaintained, so this is the only module that imports it: replacing it means
replacing this one file. It allows one writer at a time across processes (a lock file); a
writer waits up to LOCK_TIMEOUT seconds, then IndexLocked leaves the update in the outbox.
"""

import functools
import logging
import os
import threading
from contextlib import contextmanager

from whoosh import collectors, highlight, index
from whoosh.analysis import (
    LowercaseFilter,
    RegexTokenizer,
    StemFilter,
    StemmingAnalyzer,
    StopFilter,
)
from whoosh.fields import ID, KEYWORD, STORED, TEXT, Schema
from whoosh.filedb.filestore import FileStorage
from whoosh.index import LockError
from whoosh.query import And, AndNot, Or, Phrase, Term
from whoosh.writing import CLEAR

from search.index import MARK_END, MARK_START, WEIGHTS

from .base import IndexLocked, SearchBackend, SearchHit, SearchResults, SearchUnavailable

logger = logging.getLogger(__name__)

# The same relative weights as PostgreSQL's default {D: 0.1, C: 0.2, B: 0.4, A: 1.0}.
FIELD_BOOSTS = {"A": 10.0, "B": 4.0, "C": 2.0, "D": 1.0}
TEXT_FIELDS = [f"text_{weight.lower()}" for weight in WEIGHTS]
SNIPPET_CHARS = 240
_UNSET = object()


def _schema():
    analyzer = StemmingAnalyzer()
    text_fields = {
        f"text_{weight.lower()}": TEXT(analyzer=analyzer, field_boost=FIELD_BOOSTS[weight])
        for weight in WEIGHTS
    }
    return Schema(
        key=ID(stored=True, unique=True),
        model=ID(stored=True),
        pk=ID(stored=True),
        type=ID(stored=True),
        filters=KEYWORD(commas=True, lowercase=False, scorable=False),
        title=STORED,
        snippet=STORED,
        digest=STORED,
        **text_fields,
    )


class _MarkFormatter(highlight.Formatter):
    """Marks matches with the private-use characters search.snippets turns into <mark>."""

    between = " … "

    def format_token(self, text, token, replace=False):
        return MARK_START + highlight.get_text(text, token, replace) + MARK_END


class _Writer:
    def __init__(self, writer, clear):
        self._writer = writer
        self._add = writer.add_document if clear else writer.update_document

    def add_many(self, documents):
        for doc in documents:
            fields = {
                "key": doc.key, "model": doc.model, "pk": doc.pk, "type": doc.search_type,
                "filters": ",".join(doc.filters), "title": doc.title,
                "snippet": doc.snippet_text, "digest": doc.digest,
            }
            for weight, text in doc.texts.items():
                fields[f"text_{weight.lower()}"] = text
            self._add(**fields)

    def delete_many(self, keys):
        for key in keys:
            self._writer.delete_by_term("key", key)


class WhooshBackend(SearchBackend):
    def __init__(self, alias, options):
        super().__init__(alias, options)
        self.path = options["PATH"]
        self._index = None
        # One open searcher per thread (Whoosh searchers are not shared between threads), kept
        # between searches: opening one reads every segment's files (about 7 ms at 10,000
        # pages). refresh() reopens it only when a writer has committed since.
        self._local = threading.local()
        self._tokens = _UNSET

    def _ix(self):
        if self._index is None:
            os.makedirs(self.path, exist_ok=True)
            storage = FileStorage(self.path)
            # Two processes starting at once must not both create the index.
            lock = storage.lock("CREATELOCK")
            lock.acquire(blocking=True)
            try:
                if index.exists_in(self.path):
                    self._index = index.open_dir(self.path)
                else:
                    self._index = index.create_in(self.path, _schema())
            finally:
                lock.release()
        return self._index

    @contextmanager
    def batch(self, clear=False):
        try:
            writer = self._ix().writer(timeout=self.lock_timeout, delay=0.05)
        except LockError as error:
            raise IndexLocked(f"Another process is writing to {self.path}.") from error
        try:
            yield _Writer(writer, clear)
        except BaseException:
            writer.cancel()
            raise
        writer.commit(mergetype=CLEAR if clear else None)

    @contextmanager
    def rebuild_batch(self):
        """Several writer processes (``PROCS``, default one per core), each analysing its share
        of the documents into a segment of its own: analysis is most of a rebuild's time."""
        procs = int(self.options.get("PROCS") or min(os.cpu_count() or 1, 8))
        try:
            writer = self._ix().writer(timeout=self.lock_timeout, delay=0.05, procs=procs,
                                       multisegment=True, limitmb=128)
        except LockError as error:
            raise IndexLocked(f"Another process is writing to {self.path}.") from error
        try:
            yield _Writer(writer, clear=True)
        except BaseException:
            writer.cancel()
            raise
        writer.commit(mergetype=CLEAR)

    def count(self):
        return self._ix().doc_count()

    def digests(self):
        with self._ix().searcher() as searcher:
            return {fields["key"]: fields["digest"] for fields in searcher.all_stored_fields()}

    def search(self, query, *, types=(), filters=(), offset=0, limit=20):
        """Search with this thread's searcher; if it fails (a reader that lost a race with a
        writer's commit, files replaced under it), drop it and try once more with a fresh one.
        A second failure is SearchUnavailable: the page says so, and nothing stays broken."""
        for attempt in (1, 2):
            try:
                return self._search(query, types, filters, offset, limit)
            except Exception as error:
                self._drop_searcher()
                if attempt == 2:
                    raise SearchUnavailable(f"The search index at {self.path} failed: {error!r}") \
                        from error
                logger.warning("Whoosh search failed, reopening the index: %r", error)
        raise AssertionError("unreachable")

    def _search(self, query, types, filters, offset, limit):
        ix = self._ix()
        compiled = self._compile(query, ix.schema)
        if compiled is None:
            return SearchResults([], 0)
        narrowing = [Or([Term("type", t) for t in types])] if types else []
        narrowing += [Term("filters", token) for token in filters]
        # Score every match once and count it on the way. Whoosh's default collector skips
        # blocks and drops sub-queries that cannot reach the top hits: the same top hits, but
        # no count, so len() ran the whole query a second time.
        collector = collectors.TopCollector(offset + limit, usequality=False, replace=0)
        if narrowing:
            collector = collectors.FilterCollector(collector, allow=And(narrowing))
        self._searcher(ix).search_with_collector(compiled, collector)
        results = collector.results()
        terms = self._analyse(" ".join(query.words), ix.schema)
        analyzer = ix.schema["text_d"].analyzer
        hits = [
            SearchHit(
                model=hit["model"], pk=hit["pk"], score=hit.score,
                snippet=self._snippet(hit.get("snippet", ""), terms, analyzer),
            )
            for hit in results[offset:offset + limit]
        ]
        return SearchResults(hits, len(results))

    def _searcher(self, ix):
        """This thread's searcher, reopened when the index changed since it was opened.

        refresh() marks the old searcher closed *before* opening the new reader; if opening
        fails (a writer's commit deleted a segment file mid-read), the cached searcher is closed
        for good and every later refresh() raises ReaderClosed. So the searcher is forgotten
        before refreshing and stored again only once a working one is in hand."""
        searcher = getattr(self._local, "searcher", None)
        self._local.searcher = None
        searcher = ix.searcher() if searcher is None or searcher.is_closed else searcher.refresh()
        self._local.searcher = searcher
        return searcher

    def _drop_searcher(self):
        searcher = getattr(self._local, "searcher", None)
        self._local.searcher = None
        if searcher is not None:
            try:
                searcher.close()
            except Exception:  # already half closed: nothing more to release
                logger.debug("Closing a broken Whoosh searcher failed", exc_info=True)

    def _snippet(self, text, terms, analyzer):
        fragmenter = highlight.ContextFragmenter(maxchars=SNIPPET_CHARS, surround=70)
        if self._tokens is _UNSET:  # the schema's analyzer never changes
            self._tokens = highlight_tokens(analyzer)
        tokens = self._tokens
        if tokens is None:
            marked = highlight.highlight(
                text, terms, analyzer, fragmenter, _MarkFormatter(), top=2
            )
        else:  # what highlight.highlight() does, with the tokens made in one pass
            fragments = fragmenter.fragment_tokens(text, tokens(text, frozenset(terms)))
            best = highlight.top_fragments(
                fragments, 2, highlight.BasicFragmentScorer(), highlight.FIRST
            )
            marked = _MarkFormatter()(text, best)
        return marked or text[:SNIPPET_CHARS]

    @staticmethod
    def _analyse(text, schema):
        return [token.text for token in schema["text_d"].analyzer(text, mode="query")]

    def _compile(self, query, schema):
        def term_query(words):
            tokens = self._analyse(" ".join(words), schema)
            if not tokens:
                return None  # only stop words
            if len(tokens) == 1:
                return Or([Term(field, tokens[0]) for field in TEXT_FIELDS])
            return Or([Phrase(field, tokens) for field in TEXT_FIELDS])

        groups = []
        for group in query.groups:
            alternatives = [q for q in map(term_query, group) if q is not None]
            if alternatives:
                groups.append(Or(alternatives))
        if not groups:
            return None
        compiled = And(groups)
        excluded = [q for q in map(term_query, query.excluded) if q is not None]
        return AndNot(compiled, Or(excluded)) if excluded else compiled


def highlight_tokens(analyzer):
    """The tokens ``analyzer`` makes of a snippet's text (mode "query", stop words kept), each
    marked ``matched`` when it is one of the query's terms: the same tokens Whoosh's chain of
    generators makes for highlight(), in one loop. Highlighting the shown hits took a third of a
    search's time, nearly all of it in that chain. None for any other analyzer than _schema()'s.
    """
    items = getattr(analyzer, "items", [])
    chain = [RegexTokenizer, LowercaseFilter, StopFilter, StemFilter]
    if [type(item) for item in items] != chain or items[0].gaps or items[3].lang:
        return None
    tokenizer, _, stops, stemmer = items
    pattern, ignore = tokenizer.expression, stemmer.ignore
    stoplist, minsize, maxsize = stops.stops, stops.min, stops.max
    stem = functools.lru_cache(maxsize=50_000)(stemmer.stemfn)

    def tokens(text, termset):
        token = _Token()
        for match in pattern.finditer(text):
            word = match.group(0).lower()
            if (
                len(word) >= minsize
                and (maxsize is None or len(word) <= maxsize)
                and word not in stoplist
                and word not in ignore
            ):
                word = stem(word)
            token.text, token.matched = word, word in termset
            token.startchar, token.endchar = match.span()
            yield token

    return tokens


class _Token:
    """What the fragmenter and formatter read of a token; Whoosh's own Token carries a dict of
    attributes this loop would pay to set. Like Whoosh's tokenizers, one is reused and changed."""

    __slots__ = ("text", "matched", "startchar", "endchar", "boost")

    def __init__(self):
        self.boost = 1.0

    def copy(self):
        twin = _Token()
        twin.text, twin.matched = self.text, self.matched
        twin.startchar, twin.endchar = self.startchar, self.endchar
        return twin
