"""The proposal card's data: proposals with their votes, the viewer's own vote and what they may
do, in a fixed number of queries whatever the number of proposals and votes."""

from collections import defaultdict

from django.utils import timezone

from accounts.roles import is_editor
from trust import levels

from . import conf
from .kinds import KINDS
from .models import Kind, Position, Proposal, Status, Vote
from .services import settle


def load(queryset):
    """The proposals of ``queryset``, after closing those that are due (one query, two when
    something closed)."""
    queryset = queryset.select_related("proposer", "thread", "decided_by")
    proposals = list(queryset)
    if settle(proposals):
        proposals = list(queryset.all())  # a fresh query, not the evaluated queryset's cache
    return proposals


def cards_context(request, queryset):
    proposals = load(queryset)
    user = request.user
    votes = defaultdict(list)
    if proposals:
        rows = Vote.objects.filter(proposal__in=[p.pk for p in proposals]).select_related("voter")
        for vote in rows:
            votes[vote.proposal_id].append(vote)
    editor = is_editor(user)
    may_vote = levels.allows(user, "vote")
    now = timezone.now()
    for proposal in proposals:
        proposal.vote_list = votes[proposal.pk]
        proposal.my_vote = next(
            (v for v in proposal.vote_list if user.is_authenticated and v.voter_id == user.pk),
            None,
        )
        proposal.is_open = proposal.status == Status.OPEN and proposal.closes_at > now
        proposal.can_vote = may_vote and proposal.is_open
        proposal.can_decide = editor and proposal.is_undecided
        proposal.is_tree = KINDS[proposal.kind].tree
        proposal.is_addition = proposal.kind in (Kind.ADD_CATEGORY, Kind.ADD_EXAMPLE)
        proposal.tally = [
            (value, label, getattr(proposal, f"{value}_count")) for value, label in Position.choices
        ]
    return {
        "proposals": proposals, "positions": Position.choices,
        "rule": {"quorum": conf.quorum(), "share": conf.agree_share(), "block": conf.block_rule()},
    }


def open_for_node(node):
    return Proposal.objects.visible().undecided().filter(nodes=node).distinct()
