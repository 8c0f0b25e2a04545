"""Whoosh backend: the embedded default, an index folder under var/ and no server to run.

Whoosh is unmaintained, so this module and its bulk writer (whoosh_bulk.py, for rebuilds)
are the only ones that import it: replacing it means replacing these two files. It allows one
writer at a time across processes (a lock file); a writer waits up to LOCK_TIMEOUT seconds,
then IndexLocked leaves the update in the outbox.
"""

import functools
import logging
import os
import threading
from contextlib import contextmanager

from whoosh import collectors, index
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
from whoosh.query import And, AndNot, ConstantScoreQuery, Or, Phrase, Term
from whoosh.writing import CLEAR

from search import vocabulary
from search.index import MARK_END, MARK_START, WEIGHTS

from . import whoosh_bulk
from .base import IndexLocked, SearchBackend, SearchHit, SearchResults, SearchUnavailable

logger = logging.getLogger(__name__)

# The same relative weights as PostgreSQL's default {D: 0.1, C: 0.2, B: 0.4, A: 1.0}.
FIELD_BOOSTS = {"A": 10.0, "B": 4.0, "C": 2.0, "D": 1.0}
TEXT_FIELDS = [f"text_{weight.lower()}" for weight in WEIGHTS]
#: Stored text beyond this is not searched for a snippet's matches (a bounded cost per hit).
SNIPPET_SOURCE_CHARS = 50_000
#: Matches scored for a results page (and the best title matches); past it counts are estimates.
POOL = 250
_UNSET = object()


def _spelling_field():
    """The vocabulary (search.vocabulary): unstemmed words, neither stored nor scored."""
    return KEYWORD(lowercase=True, scorable=False)


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
        spelling=_spelling_field(),
        **text_fields,
    )


class _FirstMatches(collectors.WrappingCollector):
    """Collects the first ``pool`` matches in index order (of those in ``allowed``, if given) and
    stops, so ranking costs the pool and not every match of a common word."""

    def __init__(self, child, pool, allowed=None):
        super().__init__(child)
        self.pool, self.allowed, self.seen = pool, allowed, 0

    def collect_matches(self):
        child = self.child
        for sub_docnum in child.matches():
            if self.seen >= self.pool:
                return
            if self.allowed is None or child.offset + sub_docnum in self.allowed:
                child.collect(sub_docnum)
                self.seen += 1


def _fields(doc):
    """The Whoosh fields of a Document."""
    fields = {
        "key": doc.key, "model": doc.model, "pk": doc.pk, "type": doc.search_type,
        "filters": ",".join(doc.filters), "title": doc.title,
        "snippet": doc.snippet_text, "digest": doc.digest,
        "spelling": list(vocabulary.words_of(doc)),  # tokens, as they are (lower case)
    }
    for weight, text in doc.texts.items():
        fields[f"text_{weight.lower()}"] = text
    return fields


class _Writer:
    def __init__(self, writer, clear):
        self._writer = writer
        self._clear = clear

    def add_many(self, documents):
        documents = list(documents)
        if not self._clear:
            # What update_document does, with one searcher for the batch instead of one per
            # document (opening it was a sixth of an import's indexing time).
            with self._writer.searcher() as searcher:
                stale = [searcher.document_number(key=doc.key) for doc in documents]
            for number in stale:
                if number is not None:
                    self._writer.delete_document(number)
        for doc in documents:
            self._writer.add_document(**_fields(doc))

    def delete_many(self, keys):
        for key in keys:
            self._writer.delete_by_term("key", key)


class _Part:
    """Documents written into new segments (whoosh_bulk), in whichever process has them; a
    rebuild commits the segments. A segment holds at most MAX_POSTINGS postings in memory."""

    def __init__(self, ix):
        self._ix, self._builder, self.segments = ix, None, []

    def add_many(self, documents):
        for doc in documents:
            if self._builder is None:
                self._builder = whoosh_bulk.SegmentBuilder(self._ix)
            self._builder.add_document(_fields(doc))
            if self._builder.postings >= whoosh_bulk.MAX_POSTINGS:
                self.finish()

    def finish(self):
        if self._builder is not None:
            self.segments.append(self._builder.finish())
            self._builder = None
        return self.segments

    def cancel(self):
        if self._builder is not None:
            self._builder.cancel()


class _Rebuild:
    """A rebuild's writer: holds the index's writer lock and commits the segments written by
    its own add_many and by workers' parts (add_parts) as the whole index, in place of every
    older segment. Whoosh has no public call for committing segments written elsewhere;
    MpWriter's multisegment commit does this same sequence."""

    def __init__(self, ix, writer):
        self._writer, self._own, self._segments = writer, _Part(ix), []

    def add_many(self, documents):
        self._own.add_many(documents)

    def add_parts(self, parts):
        self._segments += [segment for segments in parts for segment in segments]

    def commit(self):
        segments = self._segments + self._own.finish()
        self._writer._close_segment()  # the lock holder's own segment stays empty
        self._writer._commit_toc(segments)  # deletes the files of every other segment
        self._writer._finish()

    def cancel(self):
        self._own.cancel()
        self._writer.cancel()


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
                    self._index = _with_spelling(index.open_dir(self.path))
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
        """The index written anew in bulk (search.backends.whoosh_bulk): documents given to
        add_many here, and segments written by rebuild_part() in worker processes and handed
        over with add_parts(), replace the whole index when the block ends."""
        try:
            writer = self._ix().writer(timeout=self.lock_timeout, delay=0.05)
        except LockError as error:
            raise IndexLocked(f"Another process is writing to {self.path}.") from error
        rebuild = _Rebuild(self._ix(), writer)
        try:
            yield rebuild
        except BaseException:
            rebuild.cancel()
            raise
        rebuild.commit()

    @contextmanager
    def rebuild_part(self):
        """A part of a rebuild written in this process (a worker's share: analysing and
        writing postings is most of a rebuild's time): yields a writer with add_many; when the
        block ends, its ``segments`` are what the rebuild_batch's add_parts() takes."""
        part = _Part(self._ix())
        try:
            yield part
        except BaseException:
            part.cancel()
            raise
        part.finish()

    def count(self):
        return self._ix().doc_count()

    def digests(self):
        with self._ix().searcher() as searcher:
            return {fields["key"]: fields["digest"] for fields in searcher.all_stored_fields()}

    def candidates(self, query, *, types=(), filters=(), limit=200):
        return self._retrying(self._candidates, query, types, filters, limit)

    def snippets(self, query, keys):
        return self._retrying(self._snippets, query, keys)

    def corrections(self, word, limit=3):
        return self._retrying(self._corrections, word, limit)

    def _retrying(self, method, *args):
        """Run ``method`` with this thread's searcher; if it fails (a reader that lost a race
        with a writer's commit, files replaced under it), drop it and try once more with a fresh
        one. A second failure is SearchUnavailable: the page says so, and nothing stays broken."""
        for attempt in (1, 2):
            try:
                return method(*args)
            except Exception as error:
                self._drop_searcher()
                if attempt == 2:
                    raise SearchUnavailable(f"The search index at {self.path} failed: {error!r}") \
                        from error
                logger.warning("Whoosh search failed, reopening the index: %r", error)
        raise AssertionError("unreachable")

    def _candidates(self, query, types, filters, limit):
        ix = self._ix()
        compiled = self._compile(query, ix.schema)
        if compiled is None:
            return SearchResults([], 0)
        searcher = self._searcher(ix)
        narrowing = [Or([Term("type", t) for t in types])] if types else []
        narrowing += [Term("filters", token) for token in filters]
        allowed = set(searcher.docs_for_query(And(narrowing))) if narrowing else None
        pool = max(POOL, limit)
        # As on PostgreSQL: the first POOL matches are scored, not all of them, plus the best
        # matches with a query word in their title; fewer than POOL means that was every match.
        first = _FirstMatches(collectors.TopCollector(pool, usequality=False), pool, allowed)
        searcher.search_with_collector(compiled, first)
        scored = {hit.docnum: hit for hit in first.results()}
        words = self._analyse(" ".join(query.words), ix.schema)
        if first.seen >= pool and words:
            # An intersection, which skips along the (short) title postings; the title part
            # scores nothing, so both lists rank by the same scores.
            in_title = ConstantScoreQuery(Or([Term("text_a", word) for word in words]), 0.0)
            titled = collectors.TopCollector(pool, usequality=False)
            searcher.search_with_collector(And([compiled, in_title]), titled)
            for hit in titled.results():
                if allowed is None or hit.docnum in allowed:
                    scored.setdefault(hit.docnum, hit)
        ranked = sorted(scored.values(), key=lambda hit: (-hit.score, hit.docnum))[:limit]
        hits = [SearchHit(model=hit["model"], pk=hit["pk"], score=hit.score) for hit in ranked]
        if first.seen < pool:
            return SearchResults(hits, first.seen)
        estimate = compiled.estimate_size(searcher.reader())
        return SearchResults(hits, max(estimate, len(scored)), estimated=True)

    def _snippets(self, query, keys):
        ix = self._ix()
        searcher = self._searcher(ix)
        terms = frozenset(self._analyse(" ".join(query.words), ix.schema))
        analyzer = ix.schema["text_d"].analyzer
        marked = {}
        for key in keys:
            number = searcher.document_number(key=key)
            if number is None:
                continue
            text = searcher.stored_fields(number).get("snippet", "")[:SNIPPET_SOURCE_CHARS]
            marked[key] = self._mark(text, terms, analyzer)
        return marked

    def _mark(self, text, terms, analyzer):
        """``text`` with every token that is one of ``terms`` between the highlight marks."""
        if self._tokens is _UNSET:  # the schema's analyzer never changes
            self._tokens = highlight_tokens(analyzer)
        if self._tokens is None:
            tokens = analyzer(text, mode="query", chars=True, removestops=False)
            spans = [(t.startchar, t.endchar) for t in tokens if t.text in terms]
        else:
            spans = [(t.startchar, t.endchar) for t in self._tokens(text, terms) if t.matched]
        pieces, last = [], 0
        for start, end in spans:
            pieces += [text[last:start], MARK_START, text[start:end], MARK_END]
            last = end
        pieces.append(text[last:])
        return "".join(pieces)

    def _corrections(self, word, limit):
        reader = self._searcher(self._ix()).reader()
        word = word.lower()
        if "spelling" not in reader.schema:
            return []
        # Sharing the first letter keeps the scan to one letter's words; typos rarely hit it.
        # Whoosh's early stop misses swaps at its limit, so it looks one edit further and
        # search.vocabulary.rank keeps what is close enough.
        near = reader.terms_within("spelling", word, vocabulary.max_edits(word) + 1, prefix=1)
        found = {term: reader.doc_frequency("spelling", term) for term in near}
        return vocabulary.rank(word, found, limit)

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


def _with_spelling(ix):
    """An index made before the vocabulary existed gains its (empty) field; a rebuild fills it."""
    if "spelling" not in ix.schema:
        try:
            writer = ix.writer(timeout=1.0)
        except LockError:
            return ix  # another process is writing; corrections wait for the next start
        writer.add_field("spelling", _spelling_field())
        writer.commit()
        ix = index.open_dir(ix.storage.folder)
    return ix


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
