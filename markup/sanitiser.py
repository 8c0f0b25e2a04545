"""The sanitiser: the one place rendered HTML is cleaned, and the ONLY module that imports bleach.

bleach is unmaintained, so swapping it for another sanitiser must stay a one-file change: nothing
else in the project may import it. Everything allowed is listed here in frozen collections of our
own; bleach's module-level defaults are never read or mutated.

Policy, in short: a small set of prose tags; no script, style, svg, math, iframe, object, form or
event attributes; ``class`` only with values from our own list; ``id`` only on headings and
footnotes; links only to http, https, mailto and relative URLs, images only http(s) and relative;
external links get ``rel="nofollow noopener noreferrer"``; images from hosts outside
``settings.MARKUP_IMAGE_HOSTS`` become links naming the host (markup/image_hosts.py).
"""

import html
import re
import threading
from urllib.parse import urlsplit

import bleach
from bleach.html5lib_shim import Filter
from pygments.token import STANDARD_TYPES

from . import image_hosts

ALLOWED_TAGS = frozenset({
    "a", "abbr", "b", "blockquote", "br", "cite", "code", "dd", "del", "div", "dl", "dt", "em",
    "h1", "h2", "h3", "h4", "h5", "h6", "hr", "i", "img", "ins", "kbd", "li", "mark", "ol", "p",
    "pre", "q", "s", "samp", "small", "span", "strong", "sub", "sup", "table", "tbody", "td",
    "tfoot", "th", "thead", "tr", "ul", "var",
    # Wiki.js pages: disclosure blocks and tabsets, media players, diagram figures.
    "details", "summary", "video", "audio", "source", "figure", "figcaption",
})

# Attributes allowed per tag, besides "class" and "id" (checked by value below).
ALLOWED_ATTRIBUTES = {
    "a": frozenset({"href", "title"}),
    "abbr": frozenset({"title"}),
    "img": frozenset({"src", "alt", "title", "width", "height"}),
    "ol": frozenset({"start"}),
    "td": frozenset({"align", "colspan", "rowspan"}),
    "th": frozenset({"align", "colspan", "rowspan"}),
    "q": frozenset({"cite"}),
    # "name" groups a tabset's <details>, so opening one tab closes the others without script.
    "details": frozenset({"open", "name"}),
    "video": frozenset(
        {"src", "controls", "width", "height", "loop", "muted", "preload", "poster"}
    ),
    "audio": frozenset({"src", "controls", "loop", "muted", "preload"}),
    "source": frozenset({"src", "type"}),
    "span": frozenset({"title"}),
}
# Boolean attributes keep no value but their own name.
BOOLEAN_ATTRIBUTES = frozenset({"open", "controls", "loop", "muted"})
MEDIA_TYPE = re.compile(r"(?:video|audio)/[a-z0-9.+-]{1,40}\Z")
# Inline images the pipeline makes from draw.io diagrams (an SVG in <img> runs no script).
DATA_IMAGE = re.compile(r"data:image/(?:svg\+xml|png|jpeg|gif|webp);base64,[A-Za-z0-9+/=]+\Z")
# Tags a {#id} attribute may name, besides headings and footnotes.
ANCHOR_TAGS = frozenset({"p", "div", "a", "span", "blockquote", "table", "img", "details",
                         "figure", "ul", "ol", "pre"})

HEADINGS = frozenset({"h1", "h2", "h3", "h4", "h5", "h6"})

# Classes the pipeline itself emits (code highlighting, table of contents, footnotes, heading
# anchors, mentions, red links). Anything else a writer puts in a class attribute is dropped.
ALLOWED_CLASSES = frozenset({
    "highlight", "codehilite", "toc", "toctitle", "footnote", "footnote-ref", "footnote-backref",
    "headerlink", "mention", "redlink",
    # Wiki.js: callouts, list styles and alignment writers put in {.class}; tabsets, task lists,
    # diagrams and emoji made by the pipeline (markup/wikijs.py, markup/diagrams.py).
    "is-info", "is-success", "is-warning", "is-danger", "links-list", "grid-list",
    "align-left", "align-center", "align-right", "tabset", "tabset__tab", "tabset__panel",
    "task-list", "task-list-item", "task-list-check", "mermaid", "diagram", "diagram--drawio",
    "diagram--data", "diagram--source", "diagram__kind", "emoji",
}) | frozenset(cls for cls in STANDARD_TYPES.values() if cls)

# "data" only ever passes for an <img> matching DATA_IMAGE (checked in _allow_attribute).
LINK_PROTOCOLS = frozenset({"http", "https", "mailto", "data"})
IMAGE_PROTOCOLS = frozenset({"http", "https"})
EXTERNAL_REL = "nofollow noopener noreferrer"

# Ids the site layout uses; a heading may not take one over (the skip link targets #main).
RESERVED_IDS = frozenset({
    "main", "content", "site-search-q", "site-search-suggestions", "site-search-listbox",
})
HEADING_ID = re.compile(r"[^\W_][\w.:~-]{0,99}\Z")
# A footnote id may carry a scope prefix (markup.anchors: a post's "p1a2b3c4d-fn:1"), so
# cleaning stored HTML again (markup.stored) keeps its footnotes working.
FOOTNOTE_ID = re.compile(r"(?:[A-Za-z0-9]{1,20}-)?fn(?:ref)?:[\w.-]{1,50}\Z")
_NUMBER = re.compile(r"\d{1,4}\Z")

# What a browser strips before it reads a URL's scheme: surrounding controls and spaces, and any
# tab or newline anywhere ("java\tscript:" is javascript:).
_URL_JUNK = re.compile(r"[\t\n\r]")


def url_scheme(url):
    """The scheme a browser would see in ``url`` (lowercase), or "" for a relative URL."""
    url = _URL_JUNK.sub("", url).strip("\x00\x01\x02\x03\x04\x05\x06\x07\x08\x0b\x0c\x0e\x0f"
                                         "\x10\x11\x12\x13\x14\x15\x16\x17\x18\x19\x1a\x1b\x1c"
                                         "\x1d\x1e\x1f ")
    match = re.match(r"([A-Za-z][A-Za-z0-9+.-]*):", url)
    return match.group(1).lower() if match else ""


def is_external(url):
    """True for links that leave the site (a scheme, or protocol-relative ``//host``). Browsers
    read a backslash as a slash and drop tabs and newlines, so ``/\\host`` and ``/<tab>/host``
    leave the site too."""
    # Inside bleach's filters, character references in attributes are still unresolved.
    url = _URL_JUNK.sub("", html.unescape(url)).strip()
    return bool(url_scheme(url)) or url[:2].replace("\\", "/") == "//"


def _allowed_class(value):
    return all(cls in ALLOWED_CLASSES for cls in value.split())


def _allow_attribute(tag, name, value):
    if name == "class":
        return _allowed_class(value)
    if name == "id":
        if tag in HEADINGS or tag in ANCHOR_TAGS:
            return bool(HEADING_ID.match(value)) and value.lower() not in RESERVED_IDS
        return tag in {"li", "sup"} and bool(FOOTNOTE_ID.match(value))
    if name not in ALLOWED_ATTRIBUTES.get(tag, ()):
        return False
    if name in {"width", "height", "start", "colspan", "rowspan"}:
        return bool(_NUMBER.match(value))
    if name == "align":
        return value in {"left", "right", "center"}
    if name in BOOLEAN_ATTRIBUTES:
        return value in ("", name)
    if name == "name":
        return bool(re.fullmatch(r"[\w-]{1,40}", value))
    if name == "preload":
        return value in {"none", "metadata", "auto"}
    if name == "type":
        return bool(MEDIA_TYPE.match(value))
    if tag == "img" and name == "src" and DATA_IMAGE.match(value):
        return True
    if name in {"src", "poster"}:
        scheme = url_scheme(value)
        return scheme in IMAGE_PROTOCOLS or (scheme == "" and ":" not in value.split("/")[0])
    if name in {"href", "cite"}:
        return url_scheme(value) != "data"
    return True


def image_host(src):
    """The host an external image URL would be fetched from ("" when it has none)."""
    url = _URL_JUNK.sub("", html.unescape(src)).strip().replace("\\", "/")
    return (urlsplit(url if url_scheme(url) else "http:" + url).hostname or "") if url else ""


class ExternalImageFilter(Filter):
    """Shows an image from a host outside ``image_hosts.allowed_hosts()`` as a link naming the host,
    so a reader's browser never fetches it (the host would learn who reads the page)."""

    def __iter__(self):
        in_link = 0
        for token in super().__iter__():
            if token.get("name") == "a":
                in_link += {"StartTag": 1, "EndTag": -1}.get(token["type"], 0)
            if token["type"] not in {"StartTag", "EmptyTag"} or token["name"] != "img":
                yield token
                continue
            src = token["data"].get((None, "src"), "")
            # A data: image (only DATA_IMAGE ones get this far) is fetched from nowhere.
            if (not src or DATA_IMAGE.match(src) or not is_external(src)
                    or image_hosts.is_allowed(image_host(src))):
                yield token
                continue
            alt = token["data"].get((None, "alt"), "").strip()
            host = image_host(src) or "another site"
            text = {"type": "Characters",
                    "data": f"{alt} (image on {host})" if alt else f"Image on {host}"}
            if in_link:  # already inside a link (a linked image): the text alone, no nested <a>
                yield text
                continue
            yield {"type": "StartTag", "name": "a", "data": {(None, "href"): src}}
            yield text
            yield {"type": "EndTag", "name": "a", "data": {}}


class ExternalLinkFilter(Filter):
    """Gives every external link rel="nofollow noopener noreferrer", replacing any other rel."""

    def __iter__(self):
        for token in super().__iter__():
            if token["type"] in {"StartTag", "EmptyTag"} and token["name"] == "a":
                attrs = token["data"]
                attrs.pop((None, "rel"), None)
                href = attrs.get((None, "href"))
                if href and is_external(href):
                    attrs[(None, "rel")] = EXTERNAL_REL
            yield token


_local = threading.local()


def _cleaner():
    # A bleach Cleaner keeps parser state, so each thread gets its own.
    cleaner = getattr(_local, "cleaner", None)
    if cleaner is None:
        cleaner = _local.cleaner = bleach.Cleaner(
            tags=ALLOWED_TAGS,
            attributes=_allow_attribute,
            protocols=LINK_PROTOCOLS,
            strip=True,
            strip_comments=True,
            filters=[ExternalImageFilter, ExternalLinkFilter],
        )
    return cleaner


def clean_html(html):
    """Return ``html`` with everything outside our allow-lists removed (text is kept, escaped)."""
    return _cleaner().clean(html)
