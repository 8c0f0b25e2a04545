"""The one rendering pipeline: markdown text → sanitised HTML, plus the pages it links to.

Pages, taxonomy descriptions and forum posts all render through ``render_markdown``. Their models
store the HTML together with ``RENDERER_VERSION`` through ``markup.stored.StoredMarkup``.
"""

import html
import logging
import threading
from dataclasses import dataclass, field
from html.parser import HTMLParser
from urllib.parse import unquote, urlsplit

import markdown
from django.conf import settings
from markdown.extensions.toc import slugify_unicode
from pymdownx.emoji import to_alt

from . import limits
from .anchors import scope_ids
from .diagrams import CUSTOM_FENCES
from .extensions import WikiExtension, mention_candidates, title_candidates
from .images import size_images
from .lists import ParenthesisListExtension, normalise_list_indents
from .references import resolve_references
from .sanitiser import RESERVED_IDS, clean_html, is_external
from .wikijs import WikiJsExtension, checkboxes_as_symbols, emoji_index

logger = logging.getLogger(__name__)

# Bump when a change here changes the HTML produced for the same text (a new extension, another
# allow-list...). Stored HTML rendered by an older version is then re-rendered by
# ``manage.py markup_rerender`` (markup/rerender.py); until then it is shown cleaned again.
# 3: links starting /\ are external; 4: forum posts scope their ids; 5: a cost budget (limits.py);
# 6: markdown as Wiki.js renders it (markup/wikijs.py, markup/diagrams.py); 7: tables without
# outer pipes or ended by a line of text, lists and tables inside quotes, {.attributes} under a
# table, as markdown-it and markdown-it-attrs read them
# 8: Wiki.js references resolved from the page's path: relative page links, imported files
# 9: ordered lists numbered 1) as well as 1. (markup/lists.py)
RENDERER_VERSION = 9

# A link to a longer path can never be a page (wiki.models.PATH_MAX_LENGTH), so it is not reported.
MAX_PATH_LENGTH = 255


@dataclass(frozen=True)
class Rendered:
    html: str
    links: list[str] = field(default_factory=list)
    mentions: list[str] = field(default_factory=list)


def _slugify(value, separator):
    slug = slugify_unicode(value, separator)
    # A heading called "Main" must not take over the layout's own ids (the skip link's #main).
    return f"{slug}{separator}section" if slug in RESERVED_IDS else slug


# Markdown as Wiki.js (markdown-it) renders it: breaks on (nl2br), linkify (magiclink),
# {.class}/{#id} attributes (attr_list; the sanitiser keeps only allowed classes), strike and
# ~sub~ (tilde), ^sup^ (caret), ==mark== (mark), task lists, emoji shortcodes as characters,
# fences anywhere, lists included (superfences), markdown inside <details> (md_in_html); lists
# numbered 1) come from markup.lists.ParenthesisListExtension, which replaces sane_lists's.
EXTENSIONS = (
    "tables", "pymdownx.superfences", "pymdownx.highlight", "footnotes", "attr_list", "toc",
    "sane_lists", "def_list", "nl2br", "md_in_html", "pymdownx.tilde", "pymdownx.caret",
    "pymdownx.mark", "pymdownx.tasklist", "pymdownx.emoji", "pymdownx.magiclink",
)
EXTENSION_CONFIGS = {
    "pymdownx.highlight": {"css_class": "highlight", "guess_lang": False, "use_pygments": True},
    "pymdownx.superfences": {"custom_fences": CUSTOM_FENCES},
    # The page's own title is its one <h1>: "# Heading" in a body becomes an <h2>, and so on down.
    # Heading ids come from markup.wikijs (Wiki.js's own), toc keeps them.
    "toc": {"permalink": True, "slugify": _slugify, "toc_depth": "2-5", "baselevel": 2},
    "tables": {"use_align_attribute": True},
    # Characters, not images from a CDN: nothing to load, nothing for the sanitiser to allow.
    "pymdownx.emoji": {"emoji_generator": to_alt, "emoji_index": emoji_index},
    # Bare URLs and www. links, as markdown-it's linkify; no repository shorthands.
    "pymdownx.magiclink": {"repo_url_shortener": False, "social_url_shortener": False},
    "pymdownx.tilde": {"smart_delete": True},
}


def render_markdown(text, *, resolve_title=None, mentions=None, id_prefix="", page_path=None):
    """Render markdown ``text`` to sanitised HTML.

    ``resolve_title(titles: set[str]) -> {title: path}`` finds the pages ``[[Title]]`` wikilinks
    name (one call per render); unknown titles link to their slug. ``mentions(usernames: set) ->
    set`` returns the usernames that exist; those become links to profiles. ``id_prefix`` scopes
    the text's heading and footnote ids, for texts shown several to a page (forum posts).
    ``page_path`` (wiki pages) resolves relative links and files from the page's own path, as
    Wiki.js did (markup/references.py). Never raises on any text, and stays fast on hostile
    text (see limits.py).
    """
    text, rest = limits.split_at_budget(normalise_list_indents(limits.prepare(text or "")))
    titles = resolve_title(title_candidates(text)) if resolve_title else {}
    existing = set()
    if mentions is not None:
        candidates = mention_candidates(text)
        existing = set(mentions(candidates)) if candidates else set()
    raw, found = _convert(text, titles or {}, existing)
    if limits.html_too_deep(raw):
        # Raw HTML nested thousands deep: show it as text rather than spend minutes parsing it.
        raw, found = _convert(limits.escape_html(text), titles or {}, existing)
    # References resolved (one query), then the site's own images get their size and thumbnails
    # (one query, by the app storing them).
    clean = size_images(resolve_references(scope_ids(clean_html(raw), id_prefix), page_path))
    links = internal_links(clean)
    if rest:
        clean += as_written(rest)
    return Rendered(html=clean, links=links, mentions=found)


def as_written(text):
    """The part of a text past the cost budget (limits.py), escaped, as one preformatted block."""
    return (
        '<p class="markup-notice">The rest of this text has more formatting than the site shows;'
        ' it appears as written.</p>\n'
        f'<pre class="markup-as-written">{html.escape(text.strip(chr(10)))}</pre>'
    )


def render_html(text, *, id_prefix="", page_path=None):
    """Render an HTML page (written in Wiki.js's visual or code editor): the one sanitiser, with
    the same links as a markdown page. Never raises; raw HTML nested too deep shows as text."""
    text = limits.prepare(text or "")
    if limits.html_too_deep(text):
        text = limits.escape_html(text)
    clean = size_images(resolve_references(scope_ids(clean_html(text), id_prefix), page_path))
    return Rendered(html=clean, links=internal_links(clean))


def _convert(text, titles, existing):
    found = []
    md = _markdown(titles, existing, found)
    try:
        return checkboxes_as_symbols(md.convert(text)), found
    except RecursionError:
        _local.instances.clear()  # it may have stopped half-way: the next text gets a new one
        # Nesting (lists in lists...) deeper than Python's stack; show the text instead.
        logger.warning("markdown rendering gave up (too deeply nested); showing the text escaped")
        paragraphs = (f"<p>{html.escape(p)}</p>" for p in text.split("\n\n") if p.strip())
        return "\n".join(paragraphs), []
    except BaseException:
        _local.instances.clear()
        raise


_local = threading.local()


def _markdown(titles, existing, found):
    """This thread's Markdown instance (one with the mention pattern, one without), reset and
    told this text's wikilink and mention targets. Building one costs about a tenth of a page's
    render, so each thread builds it once; ``reset()`` clears what a conversion leaves behind
    (stashes, footnotes, references, the table of contents)."""
    if not hasattr(_local, "instances"):
        _local.instances = {}
    key = bool(existing)
    if key not in _local.instances:
        wiki = WikiExtension(titles, existing, found)
        md = markdown.Markdown(
            extensions=[*EXTENSIONS, ParenthesisListExtension(), WikiJsExtension(), wiki],
            extension_configs=EXTENSION_CONFIGS,
            output_format="html",
        )
        _local.instances[key] = (md, wiki)
    md, wiki = _local.instances[key]
    wiki.use(titles, existing, found)
    return md.reset()


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
    """The page path key a site-relative URL points to ("/en/A/b/?q#x" → "a/b"), or None."""
    url = url.strip()
    if not url.startswith("/") or is_external(url):
        return None
    path = unquote(urlsplit(url).path).strip("/").lower()
    if not path or len(path) > MAX_PATH_LENGTH:
        return None
    first, _, rest = path.partition("/")
    if first in settings.NS_RESERVED_PREFIXES:
        return None
    # Wiki.js links name the default locale ("/en/some/page"); its pages have no locale segment.
    return rest if rest and first == settings.WIKI_DEFAULT_LOCALE else path


def internal_links(clean):
    """The wiki page paths the sanitised HTML links to, in order of first appearance."""
    collector = _HrefCollector()
    collector.feed(clean)
    collector.close()
    paths = (normalise_path(url) for url in collector.urls)
    return list(dict.fromkeys(p for p in paths if p))
