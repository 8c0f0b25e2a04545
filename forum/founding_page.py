"""The founding page tells one story with the site: its second revision, written by the site.

The imported revision 1 of ``/network-societies`` stays exactly as its authors wrote it. Revision
2 (author: none, so shown as the site) sends its "discuss at this forum topic" link to this
site's own taxonomy discussion, and links the headings that name categories the site has to
their concept pages. It is written once, only over the untouched import, so it never overwrites
what people changed.
"""

import re

from markup.targets import fold
from taxonomy.models import TaxonomyNode
from wiki.editing import save_page
from wiki.models import Page

PATH = "network-societies"
OLD_FORUM_TOPIC = "https://forum.sove.re/topic/34/taxonomy-of-network-societies"
SUMMARY = "Discussion link points at this site's taxonomy discussion; headings link to categories"
_HEADING = re.compile(r"^(#{2,4})[ \t]+(.+?)[ \t]*$", re.M)


def link_headings(markdown, urls):
    """Headings without links whose parts (split on "/") name categories, with those parts
    linked: "### Archipelagos/Nations" → "### [Archipelagos](…)/[Nations](…)"."""

    def link(match):
        marks, text = match.groups()
        if "](" in text or "[" in text:
            return match.group(0)
        parts = text.split("/")
        if not any(fold(part) in urls for part in parts):
            return match.group(0)
        linked = [f"[{p.strip()}]({urls[fold(p)]})" if fold(p) in urls else p for p in parts]
        return f"{marks} {'/'.join(linked)}"

    return _HEADING.sub(link, markdown)


def tell_one_story(thread, stdout):
    page = Page.objects.live().select_related("current_revision").filter(path=PATH).first()
    current = page.current_revision if page else None
    if current is None or not current.is_import or OLD_FORUM_TOPIC not in current.markdown:
        return
    urls = {fold(node.name): node.get_absolute_url()
            for node in TaxonomyNode.objects.active().filter(level__gt=0)}
    markdown = link_headings(current.markdown, urls).replace(
        OLD_FORUM_TOPIC, thread.get_absolute_url())
    save_page(
        path=PATH, title=page.title, markdown=markdown, author=None, summary=SUMMARY,
        description=page.description, tags=current.tag_list(), base_revision=current,
    )
    stdout.write(f"Wiki: /{PATH} revision 2 points its discussion link at “{thread.title}”.\n")
