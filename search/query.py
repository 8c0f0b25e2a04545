"""What a person typed in the search box, parsed into a small query every backend understands.

The syntax is the web-search one people already know: words (all must match), "a phrase",
-word to exclude, and OR between alternatives. Anything else (brackets, wildcards, stray
operators, an unclosed quote) is ignored with a message saying so, never an error.

A query is an AND of groups; a group is an OR of terms; a term is a word or a phrase (a tuple of
words). ``excluded`` terms must not match.
"""

import re
from dataclasses import dataclass, field

MAX_QUERY_CHARS = 200
MAX_TERMS = 12
_WORD = re.compile(r"\w+")
_TOKEN = re.compile(r'-?"[^"]*"?|\S+')
_IGNORED_SYNTAX = re.compile(r"[()\[\]{}*?~^:+\\|&!<>]")


@dataclass
class Query:
    groups: list = field(default_factory=list)  # [[("word",), ("a", "phrase")], ...]
    excluded: list = field(default_factory=list)  # [("word",), ...]
    messages: list = field(default_factory=list)

    def __bool__(self):
        return bool(self.groups)

    @property
    def words(self):
        """Every word to highlight in a snippet."""
        return sorted({word for group in self.groups for term in group for word in term})


def parse_query(text):
    """Parse ``text`` leniently; the messages say what was ignored and why."""
    query = Query()
    text = (text or "").replace("\x00", " ")
    if len(text) > MAX_QUERY_CHARS:
        text = text[:MAX_QUERY_CHARS]
        query.messages.append(
            f"Your search was long, so only its first {MAX_QUERY_CHARS} characters were used."
        )
    if text.count('"') % 2:
        query.messages.append(
            "A quotation mark was not closed, so the phrase runs to the end of your search."
        )
    if _IGNORED_SYNTAX.search(text.replace('"', "")):
        query.messages.append(
            "Brackets, wildcards and other symbols are not supported and were ignored. "
            'Use "a phrase", -word to leave a word out, and OR between alternatives.'
        )

    pending_or = False
    stray_or = False
    for part in _TOKEN.findall(text):
        if part == "OR":
            stray_or |= not query.groups or pending_or
            pending_or = bool(query.groups)
            continue
        negate = part.startswith("-") and len(part) > 1
        words = tuple(word.lower() for word in _WORD.findall(part[1:] if negate else part))
        if not words:
            continue
        if negate:
            query.excluded.append(words)
        elif pending_or:
            query.groups[-1].append(words)
        else:
            query.groups.append([words])
        pending_or = False
    if stray_or or pending_or:
        query.messages.append("OR needs a word on each side, so a stray OR was ignored.")

    if sum(len(group) for group in query.groups) + len(query.excluded) > MAX_TERMS:
        query.messages.append(f"Only the first {MAX_TERMS} words or phrases were used.")
        query.groups, query.excluded = _first_terms(query.groups, query.excluded)
    if not query.groups and text.strip():
        query.messages.append(
            "There was nothing to search for: add a word or two"
            + (" besides the ones to leave out." if query.excluded else ".")
        )
        query.excluded = []
    return query


def _first_terms(groups, excluded):
    kept, budget = [], MAX_TERMS
    for group in groups:
        if budget <= 0:
            break
        kept.append(group[:budget])
        budget -= len(kept[-1])
    return kept, excluded[: max(budget, 0)]
