"""Registered with taxonomy.sources: a history entry made by an accepted proposal links to it."""

from .models import AppliedChange


def change_sources(changes):
    links = AppliedChange.objects.filter(change__in=[c.pk for c in changes]).select_related(
        "proposal__thread"
    )
    return {
        link.change_id: {
            "label": f"proposal #{link.proposal_id}: {link.proposal.title}",
            "url": link.proposal.thread_url(),
        }
        for link in links
    }
