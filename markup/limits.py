"""Bounds that keep rendering fast on hostile text.

Python-Markdown, Python's html.parser and html5lib each have inputs that take quadratic time or
recurse per nesting level: thousands of nested quotes, thousands of ``[`` or ``(``, thousands of
unclosed ``<a``, or HTML nested thousands deep. Nobody writes those by hand, so the pipeline
flattens or escapes them first, and what it produces stays readable.
"""

import re

from markdown.inlinepatterns import (
    ImageInlineProcessor,
    ImageReferenceInlineProcessor,
    LinkInlineProcessor,
    ReferenceInlineProcessor,
    ShortImageReferenceInlineProcessor,
    ShortReferenceInlineProcessor,
)

MAX_QUOTE_DEPTH = 12
MAX_LINK_TEXT = 1000  # characters between [ and ] of one link
MAX_LINK_TARGET = 2000  # characters between ( and ) of one link
MAX_BRACKET_DEPTH = 16
MAX_UNCLOSED_TAGS = 100
MAX_HTML_DEPTH = 200
# Python-Markdown's inline pass copies a paragraph's text once per match, so its time grows with
# the square of a paragraph's length; longer paragraphs are cut (between lines, else at a space).
MAX_BLOCK_CHARS = 8000

_DEEP_QUOTES = re.compile(rf"^((?:[ \t]*>){{{MAX_QUOTE_DEPTH}}})(?:[ \t]*>)+", re.MULTILINE)
# Control characters have no place in text, and \x02/\x03 are Python-Markdown's own placeholders.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
# A "<" that starts a tag, comment or declaration which is not closed before the next "<".
_UNCLOSED_TAG = re.compile(r"<(?=[A-Za-z/!?][^<>]*(?:<|\Z))")
_FENCE = re.compile(r"^[ ]{0,3}(```|~~~)")
_BRACKET = re.compile(r"[\[\]]")
_PAREN = re.compile(r"[()]")
_TAG = re.compile(r"<(/?)([A-Za-z][A-Za-z0-9]*)\b(?:\"[^\"]*\"|'[^']*'|[^'\">])*?(/?)>")
_VOID = frozenset({"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta",
                   "source", "track", "wbr"})


# What Wiki.js pages embed whole: draw.io diagrams (```diagram fences of base64) and pasted images
# (data: URLs). A page's length limit counts what people write, not these.
_DIAGRAM_FENCE = re.compile(r"^([ \t]*)(```|~~~)diagram[ \t]*\n.*?^\1\2[ \t]*$", re.M | re.S)
_DATA_URL = re.compile(r"data:image/[a-z+.-]{1,20};base64,[A-Za-z0-9+/=\s]{100,}")


def counted_length(text):
    """The length of ``text`` for size limits: embedded diagram and image data left out."""
    if "diagram" not in text and "data:image/" not in text:
        return len(text)
    embedded = sum(len(m.group()) for m in _DIAGRAM_FENCE.finditer(text))
    embedded += sum(len(m.group()) for m in _DATA_URL.finditer(_DIAGRAM_FENCE.sub("", text)))
    return len(text) - embedded


def prepare(text):
    """Normalise newlines, drop control characters, flatten deep quotes, escape tag soup."""
    text = _CONTROL.sub("", text.replace("\r\n", "\n").replace("\r", "\n"))
    text = _DEEP_QUOTES.sub(r"\1", text)
    if len(_UNCLOSED_TAG.findall(text)) > MAX_UNCLOSED_TAGS:
        text = _UNCLOSED_TAG.sub("&lt;", text)
    if len(text) > MAX_BLOCK_CHARS:
        text = split_long_blocks(text)
    return text


def split_long_blocks(text):
    """Insert paragraph breaks so no block outside fenced code exceeds MAX_BLOCK_CHARS."""
    out, block, fence = [], 0, None
    for line in text.split("\n"):
        marker = _FENCE.match(line)
        if fence:
            fence = None if marker and marker.group(1) == fence else fence
            out.append(line)
            continue
        if marker:
            fence, block = marker.group(1), 0
        elif not line.strip():
            block = 0
        elif block + len(line) > MAX_BLOCK_CHARS:
            if block:
                out.append("")
            while len(line) > MAX_BLOCK_CHARS:
                cut = line.rfind(" ", MAX_BLOCK_CHARS // 2, MAX_BLOCK_CHARS)
                cut = cut if cut > 0 else MAX_BLOCK_CHARS
                out.extend([line[:cut], ""])
                line = line[cut:]
            block = 0
        block += len(line) + 1
        out.append(line)
    return "\n".join(out)


def escape_html(text):
    """The text with every "<" escaped, so no raw HTML is left in it."""
    return text.replace("<", "&lt;")


def html_too_deep(html):
    """True when tags nest deeper than html5lib handles quickly (its scope checks are per level)."""
    depth = 0
    for match in _TAG.finditer(html):
        closing, name, self_closing = match.groups()
        if closing:
            depth = max(depth - 1, 0)
        elif not self_closing and name.lower() not in _VOID:
            depth += 1
            if depth > MAX_HTML_DEPTH:
                return True
    return False


class BoundedLinkMixin:
    """Stops a link's text and target scans at a sane length instead of the paragraph's end."""

    def getText(self, data, index):
        depth = 1
        for match in _BRACKET.finditer(data, index, index + MAX_LINK_TEXT):
            depth += 1 if match.group() == "[" else -1
            if depth == 0:
                return data[index:match.start()], match.end(), True
            if depth > MAX_BRACKET_DEPTH:
                break
        return "", index, False

    def getLink(self, data, index):
        if not data.startswith("(", index):
            return "", None, index, False
        depth = 0
        for match in _PAREN.finditer(data, index, index + MAX_LINK_TARGET):
            depth += 1 if match.group() == "(" else -1
            if depth == 0:
                break
            if depth > MAX_BRACKET_DEPTH:
                return "", None, index, False
        else:
            return "", None, index, False
        # The original parser handles titles and <targets>; it now sees a bounded window.
        href, title, end, handled = super().getLink(data[index:index + MAX_LINK_TARGET], 0)
        return href, title, end + index, handled


# Python-Markdown's link processors with the priorities it registers them at.
LINK_PROCESSORS = {
    "reference": (ReferenceInlineProcessor, 170),
    "link": (LinkInlineProcessor, 160),
    "image_link": (ImageInlineProcessor, 150),
    "image_reference": (ImageReferenceInlineProcessor, 140),
    "short_reference": (ShortReferenceInlineProcessor, 130),
    "short_image_ref": (ShortImageReferenceInlineProcessor, 125),
}
BOUNDED_PROCESSORS = {
    name: (type(f"Bounded{cls.__name__}", (BoundedLinkMixin, cls), {}), priority)
    for name, (cls, priority) in LINK_PROCESSORS.items()
}


def bound_link_processors(md):
    """Replace Python-Markdown's link processors on this instance with bounded ones."""
    for name, (bounded, priority) in BOUNDED_PROCESSORS.items():
        original = md.inlinePatterns[name]
        md.inlinePatterns.register(bounded(original.pattern, md), name, priority)


# --- The cost budget ------------------------------------------------------------------------
# Rendering time grows with the number of elements a text makes: the sanitiser (html5lib, pure
# Python) spends about the same time on each tag, and Python-Markdown on each inline match. A
# text's "markup cost" counts what makes elements: markup characters, list items and paragraphs,
# and headings (an <hN>, its permalink and a table-of-contents entry, so several each). Past the
# budget, the rest of the text is shown as written, as plain preformatted text, so any body within
# the size limit renders in well under a second (bench/markup_bench.py). Real pages, even long
# ones, stay below it (the founding page costs about 200).
MARKUP_BUDGET = 3_000
HEADING_COST = 6
BLOCK_COST = 2
# Each character counts once per element it may make half of; "<" (a tag, an autolink) and "|"
# (a table cell) make a whole element each, so they are listed twice.
_MARKUP_CHARS = "*_`[]<<&||~@^"
_HEADING = re.compile(r"^[ \t]{0,3}(?:#|[=-]+[ \t]*$)", re.MULTILINE)
_BLOCK = re.compile(r"^[ \t]*(?:[-+*:][ \t]|\d{1,9}[.)][ \t])|\n\n", re.MULTILINE)
_BLANK_LINE = re.compile(r"\n[ \t]*\n")
_FENCE_LINE = re.compile(r"^[ ]{0,3}(?:```|~~~)", re.MULTILINE)


def markup_cost(text):
    """How many elements ``text`` may make, roughly: linear, at C speed. Every line break counts
    once: line breaks are rendered as Wiki.js renders them (a ``<br>`` each, markup/wikijs.py)."""
    return (sum(map(text.count, _MARKUP_CHARS)) + text.count("\n")
            + BLOCK_COST * len(_BLOCK.findall(text)) + HEADING_COST * len(_HEADING.findall(text)))


def split_at_budget(text, budget=None):
    """``(head, tail)``: ``head`` is the longest run of whole blocks (never cutting a fenced code
    block) whose markup cost fits the budget, ``tail`` the rest ("" when everything fits)."""
    budget = MARKUP_BUDGET if budget is None else budget
    if markup_cost(text) <= budget:
        return text, ""
    cuts = [match.start() for match in _BLANK_LINE.finditer(text)]
    low, high = 0, len(cuts)  # cuts[:low] fit; find the last one that does, by bisection
    while low < high:
        middle = (low + high) // 2
        if markup_cost(text[:cuts[middle]]) <= budget:
            low = middle + 1
        else:
            high = middle
    cut = cuts[low - 1] if low else 0
    fences = [match.start() for match in _FENCE_LINE.finditer(text, 0, cut)]
    if len(fences) % 2:  # the cut falls inside a fenced block: cut before it instead
        cut = fences[-1]
    return text[:cut], text[cut:]
