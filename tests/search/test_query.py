"""The query parser: web-search syntax, and a message (never an error) for anything else."""

import pytest

from search.query import MAX_QUERY_CHARS, MAX_TERMS, parse_query


def test_words_phrases_exclusions_and_or():
    query = parse_query('Chiang Mai "pop-up city" -coworking hub OR village')
    assert query.groups == [
        [("chiang",)], [("mai",)], [("pop", "up", "city")], [("hub",), ("village",)]]
    assert query.excluded == [("coworking",)]
    assert query.messages == []


def test_excluded_phrase():
    assert parse_query('a -"b c"').excluded == [("b", "c")]


@pytest.mark.parametrize("text", ['"unclosed', "((", "OR OR", "-", "*", "a" * 5000,
                                  "nul\x00byte", "a OR", "OR a", ")(*&^%$#@!", "-a -b"])
def test_malformed_queries_get_a_message_not_an_error(text):
    query = parse_query(text)
    assert query.messages or query.groups
    if not query.groups:
        assert any("nothing to search" in m.lower() for m in query.messages)


def test_unclosed_quote_is_a_phrase_to_the_end():
    query = parse_query('"pop up')
    assert query.groups == [[("pop", "up")]]
    assert "quotation mark" in query.messages[0]


def test_long_and_many_terms_are_cut():
    assert "first 200 characters" in parse_query("x" * (MAX_QUERY_CHARS + 1)).messages[0]
    query = parse_query(" ".join(f"w{n}" for n in range(30)))
    assert len(query.groups) == MAX_TERMS
    assert any("first 12" in m for m in query.messages)


def test_lowercase_or_is_a_word():
    assert parse_query("this or that").groups == [[("this",)], [("or",)], [("that",)]]
