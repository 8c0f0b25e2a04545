"""The rebuild's bulk segment writer (search.backends.whoosh_bulk) stores what Whoosh's own
SegmentWriter stores for the same documents: every term, posting, block statistic, length and
stored field, read back through Whoosh's reader."""

import random

import pytest
from whoosh import index
from whoosh.analysis import SimpleAnalyzer, StandardAnalyzer, StemmingAnalyzer
from whoosh.fields import ID, KEYWORD, NUMERIC, STORED, TEXT, Schema
from whoosh.writing import SegmentWriter

from search.backends import whoosh_bulk
from search.backends.whoosh import WhooshBackend, _fields, _schema
from search.backends.whoosh_bulk import SegmentBuilder
from search.query import parse_query
from tests.search.helpers import doc

WORDS = (  # noqa: SIM905 (stop words, stems, numbers, dots, accents, Unicode case oddities)
    "village villages running runs the a an us is it to hub hubs coliving network state "
    "states chiang mai governance charter café zürich 3.14 U.S.A. naïve x y İstanbul ΑΣ "
    "ΣΟΦΟΣ straße ﬁne e.g. ab..cd 2026 _under_ co-op"
).split()


def text(rng, words):
    return " ".join(rng.choice(WORDS) for _ in range(words))


def random_fields(rng, number):
    """Fields as the backend makes them, with some texts missing or empty."""
    texts = {weight: text(rng, rng.randint(0, 300 if weight == "D" else 6))
             for weight in "ABCD" if rng.random() < 0.8}
    fields = _fields(doc(number, texts.get("A", ""), texts.get("D", ""),
                         tags=texts.get("B", ""), description=texts.get("C", ""),
                         filters=[f"tag={rng.choice('ab')}"]))
    return {name: value for name, value in fields.items() if value != "" or rng.random() < .5}


def contents(ix):
    """Everything a search can read of an index, through Whoosh's reader."""
    found = []
    with ix.reader() as reader:
        names = reader.schema.names()
        for fieldname, term in reader.all_terms():
            info = reader.term_info(fieldname, term)
            postings, matcher = [], reader.postings(fieldname, term)
            while matcher.is_active():
                postings.append((matcher.id(), matcher.weight(), matcher.value(),
                                 matcher.block_max_weight(), matcher.block_min_length(),
                                 matcher.block_max_length()))
                matcher.next()
            found.append((fieldname, term, info.weight(), info.doc_frequency(),
                          info.min_length(), info.max_length(), info.max_weight(),
                          info.min_id(), info.max_id(), postings))
        for number in range(reader.doc_count_all()):
            found.append((reader.stored_fields(number),
                          [reader.doc_field_length(number, name) for name in names]))
        found.append([(reader.field_length(name), reader.max_field_length(name))
                      for name in names if reader.schema[name].scorable])
    return found


def written_both_ways(tmp_path, schema, documents):
    """The index Whoosh's SegmentWriter writes and the one SegmentBuilder writes."""
    whoosh_ix = index.create_in(tmp_path / "whoosh", schema)
    writer = SegmentWriter(whoosh_ix)
    for fields in documents:
        writer.add_document(**fields)
    writer.commit()
    bulk_ix = index.create_in(tmp_path / "bulk", schema)
    lock = SegmentWriter(bulk_ix)
    builder = SegmentBuilder(bulk_ix)
    for fields in documents:
        builder.add_document(fields)
    segment = builder.finish()
    lock._close_segment()
    lock._commit_toc([segment])
    lock._finish()
    return index.open_dir(whoosh_ix.storage.folder), index.open_dir(bulk_ix.storage.folder)


@pytest.fixture
def tmp_path(tmp_path):
    (tmp_path / "whoosh").mkdir()
    (tmp_path / "bulk").mkdir()
    return tmp_path


@pytest.mark.parametrize("seed", [1, 2])
def test_the_backends_schema_reads_back_the_same(tmp_path, seed):
    rng = random.Random(seed)
    documents = [random_fields(rng, n) for n in range(400)]  # common terms span blocks
    ours, whooshs = written_both_ways(tmp_path, _schema(), documents)
    assert contents(ours) == contents(whooshs)
    assert len(contents(ours)) > 400


def test_other_analyzers_and_fields_read_back_the_same(tmp_path):
    """Chains the fast path knows in other settings, and fields it hands to Whoosh."""
    schema = Schema(
        simple=TEXT(analyzer=SimpleAnalyzer()),  # no stop words, no stems
        standard=TEXT(analyzer=StandardAnalyzer(minsize=3), field_boost=2.5),
        unstopped=TEXT(analyzer=StemmingAnalyzer(stoplist=None)),
        kept=TEXT(analyzer=StemmingAnalyzer(ignore=["running", "states"])),
        gaps=TEXT(analyzer=SimpleAnalyzer(r"\s+", gaps=True)),  # Whoosh's own path
        tags=KEYWORD(commas=True, scorable=True, stored=True),
        words=KEYWORD(lowercase=True),
        number=NUMERIC(stored=True),
        ident=ID(unique=True),
        note=STORED,
    )
    rng = random.Random(5)
    documents = []
    for n in range(300):
        fields = {name: text(rng, rng.randint(0, 40)) for name in
                  ("simple", "standard", "unstopped", "kept", "gaps", "words")}
        fields.update(tags=",".join(rng.sample(WORDS, 3)), number=rng.randint(-5, 9000),
                      ident=f"id {n}", note={"n": n})
        if n % 7 == 0:
            fields["words"] = [word.lower() for word in rng.sample(WORDS, 4)]  # tokens as given
        documents.append(fields)
    ours, whooshs = written_both_ways(tmp_path, schema, documents)
    assert contents(ours) == contents(whooshs)


def test_a_rebuild_in_several_segments_answers_the_same(tmp_path, monkeypatch):
    rng = random.Random(9)
    documents = [doc(n, text(rng, 4), text(rng, 60), tags=text(rng, 2)) for n in range(120)]
    backend = WhooshBackend("whoosh", {"PATH": str(tmp_path / "one")})
    backend.add_many(documents)  # Whoosh's own writer
    queries = ["village", "hubs", '"network state"', "chiang -mai", "3.14", "ΣΟΦΟΣ", "ab"]
    expected = {q: backend.search(parse_query(q), limit=200) for q in queries}
    typos = {typo: backend.corrections(typo) for typo in ("vilage", "hbus", "goverance")}
    assert all(typos.values())
    monkeypatch.setattr(whoosh_bulk, "MAX_POSTINGS", 500)
    with backend.rebuild_batch() as writer:
        writer.add_many(documents[:50])
        writer.add_many(documents[50:])
    assert len(backend._ix()._segments()) > 3
    for query, answer in expected.items():
        assert backend.search(parse_query(query), limit=200) == answer, query
    assert {typo: backend.corrections(typo) for typo in typos} == typos
