"""Snippets: from the text a backend marked (every match between two private-use characters) to
one short, escaped piece of HTML with the matches in <mark>.

The backends only mark matches in the stored text; the piece shown is chosen here, so both
backends give snippets of the same shape: the window with the most distinct matched words,
starting at the start of its sentence when that is near (else at a word, after "…") and ending
at the end of a sentence when one is near (else at a word, before "…"). The text is escaped
before the marks become tags, so nothing from the content can ever become markup.
"""

import re

from django.utils.html import escape
from django.utils.safestring import mark_safe

from .index import MARK_END, MARK_START

SNIPPET_CHARS = 240
#: How far before the first match a snippet may start to begin with its sentence.
SENTENCE_LEAD = 90
#: Where a snippet starts when its sentence began too long before the first match.
WORD_LEAD = 40

# Markdown punctuation that reads as noise in a one-line snippet: link targets, emphasis,
# heading, quote and list markers, code ticks, table pipes.
_MARKDOWN_NOISE = [
    (re.compile(r"\]\([^)\s]*\)"), ""),
    (re.compile(r"!?\["), ""),
    (re.compile(r"\*\*|__|`+|\|"), " "),
    (re.compile(r"(^|\s)#{1,6}\s"), r"\1"),
    (re.compile(r"(^|\s)>\s"), r"\1"),
    (re.compile(r"(^|\n)\s*(?:[-*+]|\d+\.)\s"), r"\1"),
    (re.compile(r"\s+"), " "),
]
# A sentence ends at . ! ? (maybe closed by a quote or bracket) before a space, or at the " · "
# between a document's parts.
_SENTENCE_END = re.compile(r"[.!?…][\"'”’)\]]*\s| · ")
_MARKED = re.compile(f"{MARK_START}([^{MARK_START}{MARK_END}]*){MARK_END}")


def render_snippet(raw, size=SNIPPET_CHARS):
    """Escaped HTML with matches in <mark>; marks that do not pair up are dropped."""
    text = raw or ""
    for pattern, replacement in _MARKDOWN_NOISE:
        text = pattern.sub(replacement, text)
    text = text.strip()
    if text.count(MARK_START) != text.count(MARK_END):
        text = text.replace(MARK_START, "").replace(MARK_END, "")
    text = escape(cut(_distinct_parts(text), size))
    # Safe: the text was escaped above; only our own <mark> tags are added.
    return mark_safe(text.replace(MARK_START, "<mark>").replace(MARK_END, "</mark>"))  # noqa: S308


def _distinct_parts(text):
    """A document's parts (summary · description · …) without repeats: a description that only
    says what the summary said is shown once."""
    parts, seen = [], set()
    for part in text.split(" · "):
        plain = part.replace(MARK_START, "").replace(MARK_END, "").strip().casefold()
        if plain not in seen:
            seen.add(plain)
            parts.append(part)
    return " · ".join(parts)


def cut(text, size=SNIPPET_CHARS):
    """The best window of about ``size`` visible characters of marked ``text``, cut at sentence
    or word boundaries, with "…" where it was cut inside a sentence."""
    matches = [(m.start(), m.end(), m.group(1).lower()) for m in _MARKED.finditer(text)]
    anchor = _best_anchor(matches, size) if matches else 0
    start = _start(text, anchor)
    end, whole = _end(text, start, size)
    piece = text[start:end].strip()
    if start > 0 and not _begins_sentence(text, start):
        piece = "… " + piece
    if not whole:
        piece = piece.rstrip(" ,;:·-–—") + " …"
    return piece


def _best_anchor(matches, size):
    """Where the window with the most distinct matched words (then the earliest) begins."""
    best, best_count = matches[0][0], 0
    for i, (begin, _, _) in enumerate(matches):
        words = {word for start, _, word in matches[i:] if start < begin + size - WORD_LEAD}
        if len(words) > best_count:
            best, best_count = begin, len(words)
    return best


def _start(text, anchor):
    if anchor == 0:
        return 0
    lead = max(0, anchor - SENTENCE_LEAD)
    sentence_starts = [m.end() for m in _SENTENCE_END.finditer(text, lead, anchor)]
    if sentence_starts:
        return sentence_starts[-1]
    if lead == 0:
        return 0
    start = max(0, anchor - WORD_LEAD)
    space = text.find(" ", start, anchor)
    return space + 1 if space >= 0 else anchor


def _end(text, start, size):
    """Where the window ends, and whether that is the end of a sentence (or of the text)."""
    limit = start + size + _hidden(text, start, start + size)
    if limit >= len(text):
        return len(text), True
    ends = [
        m.start() + (m.group() != " · ")
        for m in _SENTENCE_END.finditer(text, start + size * 3 // 5, limit)
    ]
    if ends:
        return ends[-1], True
    space = text.rfind(" ", start, limit)
    end = space if space > start else limit
    opened = text.rfind(MARK_START, start, end)
    if opened > text.rfind(MARK_END, start, end):  # never cut a highlighted word in two
        closing = text.find(MARK_END, end)
        end = closing + 1 if closing >= 0 else opened
    return end, False


def _hidden(text, start, end):
    """Marks take no room on screen."""
    return sum(text.count(mark, start, end) for mark in (MARK_START, MARK_END))


def _begins_sentence(text, start):
    before = text[:start].rstrip()
    return not before or before[-1] in ".!?…·\"'”’)]"
