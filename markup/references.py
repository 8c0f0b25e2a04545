"""References in a page's text resolved as Wiki.js resolved them, at render time.

A page imported from Wiki.js keeps its text exactly as written (so export gives it back byte for
byte), and that text points at other pages and at files in Wiki.js's ways:

- a relative page link with no ``.`` in it is relative to the page *as a folder*, as Wiki.js's
  renderer made it: from ``guides/visas``, ``[x](apply/now)`` is ``/guides/visas/apply/now``
  (from the page ``home``, relative to the root). One with a ``.`` (``../travel``, ``./cost``,
  ``v1.2``) Wiki.js left to the browser, which resolved it from the page's address
  ``/<locale>/guides/visas`` like a file: ``/travel``, ``/guides/cost``. From a page in another
  locale (``ja/...``) a site path without a locale (``/guides``) is that locale's
  (``/ja/guides``), as in Wiki.js's namespaced wikis.
- a file (images, and links with a ``.`` in them) is where the browser would fetch it from the
  page's Wiki.js address ``/<locale>/<path>``, with or without the locale: ``../img/x.png``,
  ``/uploads/x.png``, ``/en/img/x.png``. ``asset_candidates`` lists the paths to look for.

An app that keeps imported files registers a resolver (files does, in ``ready()``)::

    references.register(resolve)   # resolve(paths: set[str]) -> {path: url}

``resolve_references`` rewrites ``href``/``src`` in sanitised HTML: files found become the
site's URL for them (the files app then sizes images), page links become site paths (so red
links and "what links here" see them), everything else is left as written. One resolver call per
text, whatever its size. Every value written is escaped here; the result is as safe as the
sanitiser's output it started from.
"""

import html
import posixpath
import re
from urllib.parse import quote, unquote, urlsplit

from django.conf import settings

from .sanitiser import is_external, url_scheme

# A leading locale segment, as Wiki.js reads one: "ja", "pt-br".
LOCALE = re.compile(r"[a-z]{2}(?:-[a-z]{2})?\Z", re.IGNORECASE)
_TAG = re.compile(r'<(a|img|video|audio|source)\b((?:"[^"]*"|[^">])*)>')
_ATTR = re.compile(r'\s([\w:-]+)="([^"]*)"')
URL_ATTRIBUTES = {"a": ("href",), "img": ("src",), "video": ("src", "poster"),
                  "audio": ("src",), "source": ("src",)}
_SAFE_IN_PATH = "/:@!$&'()*+,;=~-._"

_resolvers = []


def register(resolve):
    if resolve not in _resolvers:
        _resolvers.append(resolve)


def _split_locale(page_path):
    first, _, rest = page_path.partition("/")
    if rest and LOCALE.match(first):
        return first.lower(), rest
    return None, page_path


def _wikijs_address(page_path):
    """The page's address as Wiki.js served it, locale first: "/en/guides/visas"."""
    locale, rest = _split_locale(page_path)
    return f"/{locale or settings.WIKI_DEFAULT_LOCALE}/{rest}"


def _target(url):
    """(path, query, fragment) of a reference that stays on the site, else None."""
    url = html.unescape(url).strip()
    if not url or url.startswith(("#", "?")) or url_scheme(url) or is_external(url):
        return None
    parts = urlsplit(url)
    path = unquote(parts.path)
    if not path or "\x00" in path:
        return None
    return path, parts.query, parts.fragment


def asset_candidates(url, page_path):
    """The paths (no leading slash) a reference in the page at ``page_path`` may name a file at,
    most likely first; empty for anchors and external URLs. The site's own file URLs
    (``/files/42/x.png``) are candidates too: in pages exported from a site like this one and
    imported here, they name the file the export wrote at ``files/42/x.png``."""
    target = _target(url)
    if target is None:
        return []
    path = target[0]
    if path.startswith("/"):
        resolved = posixpath.normpath(path)
    else:
        base = posixpath.dirname(_wikijs_address(page_path))
        resolved = posixpath.normpath(posixpath.join(base, path))
    resolved = resolved.lstrip("/")
    if not resolved or resolved == ".":
        return []
    candidates = [resolved]
    first, _, rest = resolved.partition("/")
    if rest and LOCALE.match(first):
        candidates.append(rest)
    return candidates


def page_link(url, page_path):
    """The site path a page link from the page at ``page_path`` leads to, as Wiki.js led it,
    with its query and fragment; None when the link stays as written (site paths)."""
    target = _target(url)
    if target is None:
        return None
    path, query, fragment = target
    locale, rest = _split_locale(page_path)
    if path.startswith("/"):
        first = path.lstrip("/").partition("/")[0]
        if ("." in path or locale is None or LOCALE.match(first)
                or first in settings.NS_RESERVED_PREFIXES):
            return None
        resolved = f"/{locale}{path}"
    elif "." in path:
        # Wiki.js left these ("../travel", "./x", "v1.2") to the browser, which resolved them
        # from the page's address, /<locale>/<path>; the default locale has no segment here.
        resolved = posixpath.normpath(
            posixpath.join(posixpath.dirname(_wikijs_address(page_path)), path)
        )
        first, _, remainder = resolved.lstrip("/").partition("/")
        if first == settings.WIKI_DEFAULT_LOCALE:
            resolved = f"/{remainder}"
    else:
        # Wiki.js made these relative to the page as a folder (the home page: the root).
        folder = "" if rest == "home" else f"/{rest}"
        resolved = posixpath.normpath(f"/{locale}{folder}/{path}" if locale else f"{folder}/{path}")
    resolved = resolved.rstrip("/")
    if locale and resolved in ("", f"/{locale}"):
        return None
    link = quote(resolved or "/", safe=_SAFE_IN_PATH)
    return link + (f"?{query}" if query else "") + (f"#{fragment}" if fragment else "")


def file_at(site_path):
    """The URL of the imported file that lived at ``site_path`` ("uploads/Report.pdf", an old
    Wiki.js address someone kept), or None: one query, and only for a path with a "."."""
    if "." not in site_path.rsplit("/", 1)[-1]:
        return None
    candidates = [site_path]
    first, _, rest = site_path.partition("/")
    if rest and LOCALE.match(first):
        candidates.append(rest)
    for resolve in _resolvers:
        found = resolve(set(candidates))
        for candidate in candidates:
            if candidate in found:
                return found[candidate]
    return None


def _is_page_link(tag, url):
    """A link Wiki.js treats as a page link for certain: on an <a>, with no "." in its path."""
    target = _target(url)
    return tag == "a" and target is not None and "." not in target[0]


def resolve_references(clean_html, page_path):
    """``clean_html`` (sanitiser output) with the references above resolved for the page at
    ``page_path``; texts that are not pages (None) are left as they are."""
    if page_path is None or not any(f"<{tag}" in clean_html for tag in URL_ATTRIBUTES):
        return clean_html
    wanted = {}
    for tag, rest in _TAG.findall(clean_html):
        attrs = dict(_ATTR.findall(rest))
        for name in URL_ATTRIBUTES[tag]:
            url = attrs.get(name)
            if url and not _is_page_link(tag, url):
                wanted[url] = asset_candidates(url, page_path)
    paths = {path for candidates in wanted.values() for path in candidates}
    found = {}
    for resolve in _resolvers:
        if paths - set(found):
            found.update(resolve(paths - set(found)))
    files = {}
    for url, candidates in wanted.items():
        hit = next((found[path] for path in candidates if path in found), None)
        if hit is not None:
            fragment = _target(url)[2]
            files[url] = hit + (f"#{fragment}" if fragment else "")

    def rewrite(match):
        tag, rest = match.groups()
        changed = False

        def replace(attr):
            nonlocal changed
            name, value = attr.groups()
            if name not in URL_ATTRIBUTES[tag]:
                return attr.group(0)
            new = files.get(value)
            if new is None and tag == "a":
                new = page_link(value, page_path)
            if new is None:
                return attr.group(0)
            changed = True
            return f' {name}="{html.escape(new)}"'

        rest = _ATTR.sub(replace, rest)
        return f"<{tag}{rest}>" if changed else match.group(0)

    return _TAG.sub(rewrite, clean_html)
