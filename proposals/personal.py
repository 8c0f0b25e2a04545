"""A person's proposals and votes, for their data archive. Votes are public and part of decisions
already taken, so deleting the account keeps them, under "a former member"."""

from .models import Proposal, Vote


def export(user):
    return {
        "proposals": list(Proposal.objects.filter(proposer=user)
                          .values("title", "kind", "status", "reason", "created_at")),
        "votes": [{
            "proposal": vote.proposal.title, "position": vote.position, "reason": vote.reason,
            "created_at": vote.created_at, "updated_at": vote.updated_at,
        } for vote in Vote.objects.filter(voter=user).select_related("proposal")],
    }
