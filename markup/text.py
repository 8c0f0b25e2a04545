"""Rendered HTML as plain text: what the search index stores and snippets are cut from, so no
markdown syntax (link targets, emphasis marks) ever shows up in a result.

The HTML is the sanitiser's output (well formed, every attribute value quoted, ``<`` escaped in
them), so tags are found by one regular expression: Django's ``strip_tags`` (an HTMLParser) gave
the same text for a quarter of a search rebuild's time. tests/markup/test_markup_text.py holds
the two to the same answer on the founding content and on hostile markup.
"""

import re
from html import unescape

# The pilcrow of heading permalinks and the ↩ of footnote back-links are not content.
_MARKERS = re.compile(r'<a class="(?:headerlink|footnote-backref)"[^>]*>.*?</a>', re.S)
# Block ends become spaces, so "<li>a</li><li>b</li>" reads "a b", not "ab".
_BLOCK_END = re.compile(r"</(?:p|li|h[1-6]|td|th|dt|dd|div|blockquote|pre|tr)>|<br\s*/?>")
# A comment, or a tag (start, end, declaration) with its quoted attribute values, which may
# hold ">". A "<" not followed by a letter, "/", "!" or "?" is text, as HTML parsers read it.
# Possessive quantifiers: an unclosed tag fails in one pass instead of backtracking.
_TAG = re.compile(r"""<!--.*?-->|<[A-Za-z/!?](?:[^>"']++|"[^"]*+"|'[^']*+')*+>""", re.S)


def plain_text(html):
    """The words of sanitised HTML, tags and markers removed, whitespace collapsed."""
    text = _BLOCK_END.sub(" ", _MARKERS.sub("", html or ""))
    return " ".join(unescape(_TAG.sub("", text)).split())
