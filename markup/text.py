"""Rendered HTML as plain text: what the search index stores and snippets are cut from, so no
markdown syntax (link targets, emphasis marks) ever shows up in a result."""

import re
from html import unescape

from django.utils.html import strip_tags

# The pilcrow of heading permalinks and the ↩ of footnote back-links are not content.
_MARKERS = re.compile(r'<a class="(?:headerlink|footnote-backref)"[^>]*>.*?</a>', re.S)
# Block ends become spaces, so "<li>a</li><li>b</li>" reads "a b", not "ab".
_BLOCK_END = re.compile(r"</(?:p|li|h[1-6]|td|th|dt|dd|div|blockquote|pre|tr)>|<br\s*/?>")


def plain_text(html):
    """The words of sanitised HTML, tags and markers removed, whitespace collapsed."""
    text = _BLOCK_END.sub(" ", _MARKERS.sub("", html or ""))
    return " ".join(unescape(strip_tags(text)).split())
