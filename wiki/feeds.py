"""Atom feeds: recent changes across the wiki, and one page's history.

Only pages the requester may read appear (feed readers usually come without a session, so that
is what anonymous people may read). Django's feed writer XML-escapes titles and summaries, and
summaries are HTML-escaped as well because Atom readers render them as HTML: a hostile edit
summary is text in the feed, never markup.
"""

from django.conf import settings
from django.contrib.syndication.views import Feed
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed
from django.utils.html import escape

from wiki.models import Revision
from wiki.views import page_for

FEED_ITEMS = 50


class RevisionFeed(Feed):
    """What both feeds share: one entry per revision, linking to its diff."""

    feed_type = Atom1Feed

    def item_title(self, revision):
        return f"{revision.page.title} (revision {revision.number})"

    def item_description(self, revision):
        change = f"{revision.size_change:+,} characters"
        summary = revision.summary or ("New page" if revision.number == 1 else "No summary")
        # Django marks Atom summaries type="html": readers render them, so people's text must
        # arrive escaped as HTML, not just as XML.
        return escape(f"{summary} ({change})")

    def item_link(self, revision):
        url = reverse("wiki:diff", args=[revision.page.path])
        return f"{url}?from={revision.number - 1}&to={revision.number}"

    def item_guid(self, revision):
        return f"{settings.NS_SITE_URL.rstrip('/')}/{revision.page.path}#revision-{revision.number}"

    def item_guid_is_permalink(self, revision):
        return False

    def item_author_name(self, revision):
        return revision.author.get_username() if revision.author else "imported"

    def item_pubdate(self, revision):
        return revision.created_at

    def item_updateddate(self, revision):
        return revision.created_at


class RecentChangesFeed(RevisionFeed):
    subtitle = "Every edit to the wiki's pages, newest first."

    def title(self):
        return f"Recent changes · {settings.NS_SITE_NAME}"

    def get_object(self, request):
        return request.user

    def link(self):
        return reverse("wiki:recent_changes")

    def items(self, user):
        return Revision.objects.recent(user)[:FEED_ITEMS]


class PageHistoryFeed(RevisionFeed):
    def get_object(self, request, path):
        return page_for(request, path)

    def title(self, page):
        return f"History of {page.title} · {settings.NS_SITE_NAME}"

    def subtitle(self, page):
        return f"Every revision of /{page.path}, newest first."

    def link(self, page):
        return reverse("wiki:history", args=[page.path])

    def items(self, page):
        revisions = page.revisions.select_related("author").with_size_change()
        revisions = list(revisions.order_by("-number")[:FEED_ITEMS])
        for revision in revisions:
            revision.page = page  # every entry is of this page: no join needed
        return revisions
