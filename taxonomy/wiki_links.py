"""A node's or example's link to a wiki page, by path: the pages mostly do not exist yet, so the
link shows an excerpt when the page is there and a "create this page" offer when it is not."""

import re
from dataclasses import dataclass
from html import unescape

from django.urls import reverse
from django.utils.html import strip_tags
from django.utils.text import Truncator

EXCERPT_WORDS = 60


@dataclass
class LinkedPage:
    path: str
    exists: bool
    title: str = ""
    excerpt: str = ""

    @property
    def url(self):
        return "/" + self.path

    @property
    def create_url(self):
        return reverse("wiki:edit", args=[self.path])


def linked_page(path):
    """The wiki page at ``path`` (one query), or None when nothing is linked."""
    if not path:
        return None
    from wiki.models import Page

    page = (
        Page.objects.filter(path=path, published=True, deleted_at__isnull=True)
        .select_related("current_revision")
        .first()
    )
    if page is None:
        return LinkedPage(path=path, exists=False)
    html = page.current_revision.current_html() if page.current_revision else ""
    # Paragraphs only: headings carry permalink marks and tables read as a jumble of words.
    paragraphs = re.findall(r"<p>(.*?)</p>", html, flags=re.S)
    text = " ".join(unescape(strip_tags(" ".join(paragraphs) or html)).split())
    return LinkedPage(
        path=path,
        exists=True,
        title=page.title,
        excerpt=Truncator(text).words(EXCERPT_WORDS, truncate="…"),
    )
