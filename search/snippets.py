"""Turn a backend's snippet (plain text with private-use highlight marks) into safe HTML: the
text is escaped first, so nothing from the content can ever become markup."""

import re

from django.utils.html import escape
from django.utils.safestring import mark_safe

from .index import MARK_END, MARK_START

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


def render_snippet(raw):
    """Escaped HTML with matches in <mark>; marks that do not pair up are dropped."""
    text = raw or ""
    for pattern, replacement in _MARKDOWN_NOISE:
        text = pattern.sub(replacement, text)
    text = escape(text.strip())
    if text.count(MARK_START) != text.count(MARK_END):
        text = text.replace(MARK_START, "").replace(MARK_END, "")
    # Safe: the text was escaped above; only our own <mark> tags are added.
    return mark_safe(text.replace(MARK_START, "<mark>").replace(MARK_END, "</mark>"))  # noqa: S308
