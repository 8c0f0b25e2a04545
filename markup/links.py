"""Red links: mark links to pages that do not exist yet, at view time.

Stored HTML never knows which pages exist, so creating a page turns its red links ordinary
everywhere at once, without re-saving anything. ``mark_red_links`` is the one way every view
(a page, an old revision, a concept's article, the editor's preview) marks them: it asks the
link-target registry (``markup.targets``) which of the linked paths nothing answers for.
"""

import html
import re

from .pipeline import normalise_path

# A start tag of an <a>, as the sanitiser writes it: attribute values always double-quoted,
# so ">" can only end the tag outside quotes.
_A_TAG = re.compile(r'<a\b((?:"[^"]*"|[^">])*)>')
_ATTR = re.compile(r'\s([\w:-]+)="([^"]*)"')
MISSING_TITLE = "This page does not exist yet: create it"


def missing_page_url(path):
    """Where a red link leads: the missing page itself, which says what is missing and offers to
    write it (or to sign in first), never a bare login form."""
    return "/" + path


def mark_red_links(clean_html, edit_url=missing_page_url):
    """``clean_html`` with every link to a path nothing answers for made a red link."""
    from .pipeline import internal_links
    from .resolvers import missing_page_paths

    return mark_missing_links(clean_html, missing_page_paths(internal_links(clean_html)), edit_url)


def mark_missing_links(clean_html, missing_paths, edit_url):
    """Return ``clean_html`` with each link to a path in ``missing_paths`` made a red link.

    A red link gets ``class="redlink"``, ``href=edit_url(path)`` and a title saying the page does
    not exist yet. ``clean_html`` must be sanitiser output; the result is as safe as it was.
    """
    missing = set(missing_paths)
    if not missing:
        return clean_html

    def mark(match):
        attrs = dict(_ATTR.findall(match.group(1)))
        path = normalise_path(html.unescape(attrs.get("href", "")))
        if path is None or path not in missing:
            return match.group(0)
        attrs.update(
            {"href": html.escape(edit_url(path)), "class": "redlink",
             "title": html.escape(MISSING_TITLE)}
        )
        attrs.pop("rel", None)
        return "<a" + "".join(f' {name}="{value}"' for name, value in attrs.items()) + ">"

    return _A_TAG.sub(mark, clean_html)
