"""The one rendering pipeline: markdown text → sanitised HTML, plus the pages it links to.

Pages, taxonomy descriptions and forum posts all render through ``render_markdown``. Callers store
the HTML together with ``RENDERER_VERSION`` and re-render when the stored version is older.
"""

import html
import logging
import re
from dataclasses import dataclass, field
from html.parser import HTMLParser
from urllib.parse import unquote, urlsplit

import markdown
from django.conf import settings
from markdown.extensions.toc import slugify_unicode

from .extensions import WikiExtension, mention_candidates, title_candidates
from .sanitiser import RESERVED_IDS, clean_html, url_scheme

logger = logging.getLogger(__name__)

# Bump when a change here changes the HTML produced for the same text (a new extension, another
# allow-list...). Stored HTML rendered by an older version is then re-rendered lazily, the next
# time it is shown (wikicore: revisions; taxonomy: descriptions; forum: posts).
RENDERER_VERSION = 1

# Deeper quote nesting than this is flattened: nobody needs it, and Python-Markdown recurses per
# level (5,000 nested ">" would overflow the stack).
MAX_QUOTE_DEPTH = 12
_DEEP_QUOTES = re.compile(rf"^((?:[ \t]*>){{{MAX_QUOTE_DEPTH}}})(?:[ \t]*>)+", re.MULTILINE)
# Control characters have no place in text, and \x02/\x03 are Python-Markdown's own placeholders.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


@dataclass(frozen=True)
class Rendered:
    html: str
    links: list[str] = field(default_factory=list)
    mentions: list[str] = field(default_factory=list)


def _slugify(value, separator):
    slug = slugify_unicode(value, separator)
    # A heading called "Main" must not take over the layout's own ids (the skip link's #main).
    return f"{slug}{separator}section" if slug in RESERVED_IDS else slug


EXTENSIONS = ("tables", "fenced_code", "codehilite", "footnotes", "toc", "sane_lists", "def_list")
EXTENSION_CONFIGS = {
    "codehilite": {"css_class": "highlight", "guess_lang": False, "noclasses": False},
    "toc": {"permalink": True, "slugify": _slugify, "toc_depth": "1-4"},
    "tables": {"use_align_attribute": True},
}


def render_markdown(text, *, resolve_title=None, mentions=None):
    """Render markdown ``text`` to sanitised HTML.

    ``resolve_title(titles: set[str]) -> {title: path}`` finds the pages ``[[Title]]`` wikilinks
    name (one call per render); unknown titles link to their slug. ``mentions(usernames: set) ->
    set`` returns the usernames that exist; those become links to profiles. Never raises on any
    text: if Python-Markdown gives up, the text is shown escaped.
    """
    text = _prepare(text or "")
    titles = resolve_title(title_candidates(text)) if resolve_title else {}
    existing, found = set(), []
    if mentions is not None:
        candidates = mention_candidates(text)
        existing = set(mentions(candidates)) if candidates else set()
    md = markdown.Markdown(
        extensions=[*EXTENSIONS, WikiExtension(titles or {}, existing, found)],
        extension_configs=EXTENSION_CONFIGS,
        output_format="html",
    )
    try:
        raw = md.convert(text)
    except (RecursionError, ValueError, IndexError):
        # Pathological nesting beyond what _prepare flattens; show the text rather than fail.
        logger.warning("markdown rendering failed; showing the text escaped", exc_info=True)
        raw = "".join(f"<p>{html.escape(p)}</p>" for p in text.split("\n\n") if p.strip())
        found.clear()
    clean = clean_html(raw)
    return Rendered(html=clean, links=internal_links(clean), mentions=list(found))


def _prepare(text):
    text = _CONTROL.sub("", text.replace("\r\n", "\n").replace("\r", "\n"))
    return _DEEP_QUOTES.sub(r"\1", text)


class _HrefCollector(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.urls = []

    def handle_starttag(self, tag, attrs):
        wanted = {"a": "href", "img": "src"}.get(tag)
        for name, value in attrs:
            if name == wanted and value:
                self.urls.append(value)


def normalise_path(url):
    """The page path a site-relative URL points to ("/A/b/?q#x" → "a/b"), or None."""
    url = url.strip()
    if not url.startswith("/") or url.startswith("//") or url_scheme(url):
        return None
    path = unquote(urlsplit(url).path).strip("/").lower()
    if not path or path.split("/")[0] in settings.NS_RESERVED_PREFIXES:
        return None
    return path


def internal_links(clean):
    """The wiki page paths the sanitised HTML links to, in order of first appearance."""
    collector = _HrefCollector()
    collector.feed(clean)
    collector.close()
    paths = (normalise_path(url) for url in collector.urls)
    return list(dict.fromkeys(p for p in paths if p))
