"""The proposals section of a person's profile: their proposals and their votes (four queries)."""

from .models import Proposal, Vote

SHOWN = 5


def section(profile_user, request):
    proposals = Proposal.objects.visible().filter(proposer=profile_user)
    votes = Vote.objects.filter(voter=profile_user, proposal__thread__hidden=False)
    return {
        "title": "Proposals",
        "template": "proposals/profile_section.html",
        "context": {
            "proposals": list(proposals.order_by("-created_at", "-pk")[:SHOWN]),
            "votes": list(votes.select_related("proposal").order_by("-updated_at", "-pk")[:SHOWN]),
            "proposal_count": proposals.count(),
            "vote_count": votes.count(),
        },
    }
