"""An Atom feed of proposals: each new one, and each decision (its entry is updated)."""

from django.contrib.syndication.views import Feed
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed
from django.utils.html import escape

from .models import Proposal

FEED_LENGTH = 30


class ProposalFeed(Feed):
    feed_type = Atom1Feed
    title = "Classification proposals"
    subtitle = "Proposed changes to the taxonomy, and how they were decided."

    def link(self):
        return reverse("proposals:list")

    def items(self):
        return Proposal.objects.visible().select_related("proposer", "thread").order_by(
            "-created_at", "-pk")[:FEED_LENGTH]

    def item_title(self, proposal):
        return f"{proposal.title} [{proposal.get_status_display()}]"

    def item_description(self, proposal):
        # Feed readers render the summary as HTML: the reason is markdown a person typed, so it
        # goes out as escaped text, never as markup.
        text = proposal.reason
        if proposal.outcome:
            text = f"{proposal.outcome}\n\n{text}"
        return escape(text)

    def item_link(self, proposal):
        return proposal.thread_url()

    def item_author_name(self, proposal):
        return proposal.proposer.get_username() if proposal.proposer else None

    def item_pubdate(self, proposal):
        return proposal.created_at

    def item_updateddate(self, proposal):
        return proposal.closed_at or proposal.created_at
