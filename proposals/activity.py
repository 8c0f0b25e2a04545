"""The proposals' part of "since your last visit": open proposals waiting for the person's vote
(whenever they were made: a vote is wanted until the proposal closes)."""

from django.urls import reverse
from django.utils.timesince import timeuntil

from activity.registry import ITEMS_PER_GROUP, Group, Item

from .models import Proposal


def source(user, since):
    """One query: visible undecided proposals by others without this person's vote, closing
    soonest first."""
    proposals = (
        Proposal.objects.visible().undecided().exclude(proposer=user)
        .exclude(votes__voter=user).order_by("closes_at", "pk")[:ITEMS_PER_GROUP]
    )
    items = [
        Item(text=proposal.title, url=proposal.get_absolute_url(), when=proposal.created_at,
             detail=f"{proposal.get_kind_display()}, closes in "
                    f"{timeuntil(proposal.closes_at).split(',')[0]}")
        for proposal in proposals
    ]
    return Group(key="proposals", title="Proposals waiting for your vote", items=items,
                 more_url=reverse("proposals:list"), more_label="All proposals")
