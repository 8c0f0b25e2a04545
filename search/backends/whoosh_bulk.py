"""Whoosh segments written in bulk, for a rebuild: what Whoosh's SegmentWriter stores, for a
quarter of its CPU time.

Profiling a rebuild showed Whoosh's writer spending most of its time per posting rather than
per document: each posting went through an external sort (pickled to a run file and back), a
stat() call per posting of an unscored field looking for a length column that is not there, and
a checked method call into the block writer. Here each document's terms are found in one regex
pass (the analyzer's own chain, its filters applied once per distinct token, where it is one of
the chains below), the postings are kept per term in memory (a segment is bounded by
MAX_POSTINGS), and each block of postings is written at once in Whoosh's layout; only the
blocks' pickles use protocol 5 instead of 2, which Whoosh's reader reads the same (half the
bytes, and half the time to write and to read back). tests/search/test_whoosh_bulk.py compares
every term, posting, block statistic, length and stored field, read back through Whoosh's
reader, with what SegmentWriter writes for the same documents.

Whoosh 2.7.4 is unmaintained (the last release, pinned); this module uses its writer's internals
(the per-document and field writers of a SegmentWriter, the term info and block layout).
"""

import re
import zlib
from array import array
from collections import Counter, defaultdict
from operator import sub
from pickle import dumps

from whoosh.analysis import IDTokenizer, LowercaseFilter, RegexTokenizer, StemFilter, StopFilter
from whoosh.codec.whoosh3 import WHOOSH3_HEADER_MAGIC, W3TermInfo
from whoosh.fields import TEXT, FieldType
from whoosh.formats import Existence, Frequency, Positions
from whoosh.system import pack_uint, pack_ushort
from whoosh.util.numeric import byte_to_length, length_to_byte
from whoosh.writing import SegmentWriter

#: Postings held in memory before a segment is written out and the next one begun (about
#: 140 bytes each: 10,000 wiki pages of the benchmark are 4.3 million postings).
MAX_POSTINGS = 3_000_000
#: Smaller block data is stored as it is: zlib would save a few bytes at most, for 5 µs each.
COMPRESS_FROM = 64
#: zlib's fastest level, not Whoosh's 3 (any level reads back the same). Compressing is a fifth
#: of writing a segment; on blocks this small level 1 saves only a tenth of that, for files a
#: few per cent larger.
COMPRESSION = 1
#: Whoosh's default token pattern with its group made non-capturing, so findall() returns whole
#: tokens (the same matches: a group does not change what a pattern matches).
_NONCAPTURING = {r"\w+(\.?\w+)*": r"\w+(?:\.?\w+)*"}


class SegmentBuilder:
    """One new segment of ``ix``, written by ``finish()``. Takes no lock: the caller holds the
    index's writer lock and commits the segments (``WhooshBackend.rebuild_batch``)."""

    def __init__(self, ix):
        self._writer = SegmentWriter(ix, _lk=False)
        self.schema = self._writer.schema
        for name, field in self.schema.items():
            if field.vector or field.separate_spelling():
                raise ValueError(f"Field {name!r} has vectors or a spelling field; use "
                                 "Whoosh's SegmentWriter.")
        self._indexers = {
            name: indexer(field) for name, field in self.schema.items() if field.indexed
        }
        self._postings = {}  # field name -> {term: [(docnum, weight, value bytes)]}
        self._lengths = {}  # field name -> [each document's length, as a block records it]
        self.postings = 0

    def add_document(self, fields):
        """What ``SegmentWriter.add_document(**fields)`` does (no boosts, no ``_stored_``)."""
        writer, schema = self._writer, self.schema
        docnum = writer.docnum
        per_doc = writer.perdocwriter
        per_doc.start_doc(docnum)
        for name in sorted(fields):
            value = fields[name]
            if value is None:
                continue
            field = schema[name]
            length = 0
            if field.indexed:
                postings = self._postings.setdefault(name, defaultdict(list))
                length, added = self._indexers[name](value, docnum, postings)
                self.postings += added
                if field.scorable:
                    self._record_length(name, docnum, length)
                else:
                    length = 0
            per_doc.add_field(name, field, value if field.stored else None, length)
            if field.column_type:
                per_doc.add_column_value(name, field.column_type, field.to_column_value(value))
        per_doc.finish_doc()
        writer.docnum += 1

    def _record_length(self, name, docnum, length):
        """The length a posting's block statistics take: the document's length column as read
        back (a byte, so approximate), nothing for a length of 0."""
        lengths = self._lengths.setdefault(name, [])
        lengths.extend([0] * (docnum + 1 - len(lengths)))
        if length:
            byte = length_to_byte(length)
            lengths[docnum] = byte_to_length(byte) if byte else 0

    def finish(self):
        """Write the segment's files; returns the Segment to commit."""
        writer = self._writer
        writer.perdocwriter.close()
        fields = writer.fieldwriter
        for name in sorted(self._postings):
            terms, lengths = self._postings.pop(name), self._lengths.get(name)
            fields.start_field(name, self.schema[name])
            # Terms are str for the fast indexers: UTF-8 sorts as code points do.
            for term in sorted(terms):
                _write_term(fields, term, terms.pop(term), lengths, writer.codec)
            fields.finish_field()
        writer._close_segment()
        writer._assemble_segment()
        return writer.get_segment()

    def cancel(self):
        self._writer._close_segment()


def _write_term(fields, term, postings, lengths, codec):
    """What W3FieldWriter's start_term(), add() per posting and finish_term() write, a block
    at a time, with each block's data pickled with protocol 5 instead of 2 (Whoosh's reader
    unpickles either; half the bytes, and half the time to write and to read back) and only
    compressed when it is not tiny."""
    postfile, size = fields._postfile, codec._blocklimit
    fixed = fields._format.fixed_value_size()
    terminfo = W3TermInfo()
    start = postfile.tell()
    postfile.write(WHOOSH3_HEADER_MAGIC)
    for begin in range(0, len(postings), size):
        block = _Block(postings[begin:begin + size], lengths)
        terminfo.add_block(block)
        encoded = block.encode(fixed, COMPRESSION if codec._compression else 0)
        last = begin + size >= len(postings)
        postfile.write_int(-len(encoded) if last else len(encoded))  # negative: the last
        postfile.write(encoded)
    terminfo.set_extent(start, postfile.tell() - start)
    term = term if isinstance(term, bytes) else term.encode()
    fields._tindex.add(pack_ushort(fields._fieldid) + term, terminfo.to_bytes())


class _Block:
    """Up to a block's worth of one term's postings, with the statistics W3PostingsWriter
    keeps for a block (W3TermInfo.add_block reads them) and its encoding."""

    def __init__(self, postings, lengths):
        self.ids, weights, values = zip(*postings, strict=True)
        self._weights = array("f", weights)  # as stored (float32), which the totals sum
        # add_posting() keeps no empty values (Existence's), and counts no length of 0 (an
        # unscored field's, which has no lengths; a scored field's posting has a length).
        self.values = values if all(values) else [value for value in values if value]
        self.maxweight = max(0, *weights)
        present = list(map(lengths.__getitem__, self.ids)) if lengths else None
        self.minlength = min(present) if present else None
        self.maxlength = max(present) if present else 0

    def __len__(self):
        return len(self.ids)

    def min_id(self):
        return self.ids[0]

    def max_id(self):
        return self.ids[-1]

    def min_length(self):
        return self.minlength

    def max_length(self):
        return self.maxlength

    def max_weight(self):
        return self.maxweight

    def encode(self, fixed_size, compression):
        """The block's info and data, as W3PostingsWriter._write_block lays them out."""
        ids, weights = self.ids, self._weights
        if weights.count(weights[0]) == len(weights):
            weights = None if weights[0] == 1.0 else weights[0]
        else:
            weights = tuple(weights)
        if fixed_size is None or fixed_size < 0:
            values = tuple(self.values)
        else:
            values = b"".join(self.values) if fixed_size else None
        data = dumps((tuple(map(sub, ids, (0, *ids[:-1]))), weights, values), 5)
        if len(data) < COMPRESS_FROM:
            compression = 0
        if compression:
            data = zlib.compress(data, compression)
        info = dumps((len(ids), ids[-1], self.maxweight, compression,
                      length_to_byte(self.minlength), length_to_byte(self.maxlength)), 2)
        return info + data


def indexer(field):
    """A function ``(value, docnum, postings)`` that adds to ``postings`` (a defaultdict of
    {term: [(docnum, weight, value bytes)]}) what ``field.index(value)`` gives for the
    document, and returns the field's length in the document and how many postings it added.

    For the analyzers and formats this module knows, terms are found about five times faster
    than by Whoosh's chain of generators (and kept as str: encoded once, when written)."""
    analyzer, fmt = getattr(field, "analyzer", None), field.format
    if type(field).index not in (FieldType.index, TEXT.index):  # NUMERIC, BOOLEAN: their own
        analyzer = None
    if type(analyzer) is IDTokenizer and type(fmt) is Existence:  # the value is the term
        def index(value, docnum, postings):
            terms = set(value) if isinstance(value, list | tuple) else [value]
            for term in terms:
                postings.setdefault(term, []).append((docnum, fmt.field_boost, b""))
            return len(terms), len(terms)
        return index
    tokens = _fast_tokens(analyzer)
    if tokens is None or type(fmt) not in (Positions, Frequency):
        def index(value, docnum, postings):
            length = 0
            items = list(field.index(value))
            for term, freq, weight, vbytes in items:
                length += freq
                postings.setdefault(term, []).append((docnum, weight, vbytes))
            return length, len(items)
        return index

    boost = fmt.field_boost
    packed = _Cache(pack_uint)  # a frequency's bytes

    def terms(value):
        # A list is taken as tokens, as Whoosh does: no tokenizer, no filters.
        return (value, 0) if isinstance(value, list | tuple) else tokens(value)

    if type(fmt) is Frequency:
        def index(value, docnum, postings):
            words = terms(value)[0]
            counts = Counter(words)
            once = (docnum, boost, packed[1])  # most words: one posting tuple for them all
            for word, freq in counts.items():
                postings[word].append(once if freq == 1 else (docnum, freq * boost, packed[freq]))
            return len(words), len(counts)
        return index

    # The value of a word seen once: its frequency and its one position, pickled as a list.
    # Most postings are these, and they repeat across documents: one bytes object for each.
    single = _Cache(lambda pos: pack_uint(1) + dumps([pos], 2))

    def index(value, docnum, postings):
        words, first = terms(value)
        positions = {}
        at = positions.setdefault
        for pos, word in enumerate(words, first):
            at(word, []).append(pos)
        for word, poses in positions.items():
            if len(poses) == 1:
                postings[word].append((docnum, boost, single[poses[0]]))
            else:
                deltas = list(map(sub, poses, [0, *poses[:-1]]))
                postings[word].append(
                    (docnum, len(poses) * boost, packed[len(poses)] + dumps(deltas, 2))
                )
        return len(words), len(positions)

    return index


def _fast_tokens(analyzer):
    """For a chain of RegexTokenizer, then any of LowercaseFilter, StopFilter and StemFilter in
    that order (StemmingAnalyzer, KeywordAnalyzer), a function from text to (its index-mode
    token texts, the position of the first); None for any other analyzer.

    A StopFilter drops stop words and numbers the kept tokens on from the first kept one."""
    items = getattr(analyzer, "items", [analyzer])
    if not items or type(items[0]) is not RegexTokenizer or items[0].gaps:
        return None
    filters = [type(item) for item in items[1:]]
    order = [LowercaseFilter, StopFilter, StemFilter]
    if filters != [kind for kind in order if kind in filters]:
        return None
    expression = items[0].expression
    pattern = re.compile(_NONCAPTURING.get(expression.pattern, expression.pattern),
                         expression.flags)
    if pattern.groups:
        return None
    lowercase = LowercaseFilter in filters
    stops = next((item for item in items if type(item) is StopFilter), None)
    stemmer = next((item for item in items if type(item) is StemFilter), None)
    if (stops is not None and not stops.renumber) or (stemmer is not None and stemmer.lang):
        return None

    def term(token):
        """What the filters make of one token: None for a stop word. Each filter looks at the
        token alone, so a rebuild computes this once per distinct token (they recur)."""
        if lowercase:
            token = token.lower()
        if stops is not None and (
            len(token) < stops.min
            or (stops.max is not None and len(token) > stops.max)
            or token in stops.stops
        ):
            return None
        if stemmer is not None and token not in stemmer.ignore:
            token = stemmer.stemfn(token)
        return token

    terms = _Cache(term)

    def tokens(text):
        words = list(map(terms.__getitem__, pattern.findall(text)))
        first = 0
        if stops is not None:
            first = next((n for n, word in enumerate(words) if word is not None), 0)
            words = [word for word in words if word is not None]
        return words, first

    return tokens


class _Cache(dict):
    """``function(key)`` for each key, computed once."""

    def __init__(self, function):
        super().__init__()
        self.function = function

    def __missing__(self, key):
        value = self[key] = self.function(key)
        return value
