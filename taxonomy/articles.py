"""A concept's article and history: the wiki page at its article path, read and versioned with
the wiki's own editor, and the concept's changes merged with the article's revisions.

The taxonomy uses the wiki (never the other way round): the page is read through the wiki's
permission policy and shown with the same red links as the page itself.
"""

from dataclasses import dataclass, field
from urllib.parse import urlencode

from django.urls import reverse

from markup.links import mark_red_links
from wiki.models import Page, Revision
from wiki.permissions import can_create, can_edit, can_read

HISTORY_SHOWN = 8


@dataclass
class Article:
    path: str
    title: str = ""
    page: Page | None = None
    html: str = ""
    revision: Revision | None = None
    can_edit: bool = False
    can_create: bool = False
    edit_url: str = ""
    history_url: str = ""
    revisions: list = field(default_factory=list)

    @property
    def exists(self):
        return self.page is not None

    @property
    def write_url(self):
        """The wiki editor on the article's path, with the concept's name as the title."""
        return f"{self.edit_url}?{urlencode({'title': self.title})}"


def article_for(user, concept):
    """The concept's article as ``user`` may see it: one query (two with an old rendering)."""
    path = concept.article_path
    page = (
        Page.objects.live().at(path)
        .select_related("current_revision__author").first()
    )
    if page is not None and not can_read(user, page):
        page = None
    article = Article(path=path, title=concept.name, edit_url=reverse("wiki:edit", args=[path]),
                      can_create=user.is_authenticated and can_create(user))
    if page is not None:
        article.page, article.revision = page, page.current_revision
        article.html = mark_red_links(page.current_revision.current_html()) \
            if page.current_revision else ""
        article.can_edit = user.is_authenticated and can_edit(user, page)
        article.history_url = reverse("wiki:history", args=[path])
    return article


@dataclass(frozen=True)
class Event:
    """One line of a concept's history: a change to the concept or a revision of its article."""

    kind: str  # "change" or "revision"
    when: object
    who: object
    what: str
    why: str
    url: str


def history_for(concept, article, changes, limit=HISTORY_SHOWN):
    """The ``limit`` latest events of the concept (two queries, whatever the history's length)."""
    events = [
        Event("change", c.created_at, c.user, c.get_action_display(), c.reason, "")
        for c in changes.select_related("user")[:limit]
    ]
    if article.page is not None:
        revisions = article.page.revisions.select_related("author").defer("markdown", "html")
        for r in revisions.order_by("-number")[:limit]:
            url = reverse("wiki:revision", args=[article.path, r.number])
            events.append(Event("revision", r.created_at, r.author, f"Article revision {r.number}",
                                r.summary, url))
    events.sort(key=lambda e: e.when, reverse=True)
    return events[:limit]
