"""Fixtures for the proposals tests: the default tree, members, and a way to open a proposal and
bring it to its close."""

from datetime import timedelta

import pytest
from django.utils import timezone

from proposals import services
from proposals.models import Proposal
from tests.taxonomy.conftest import tree  # noqa: F401  (the default tree, as a fixture)


@pytest.fixture(autouse=True)
def anyone_votes(settings):
    """These tests are about the decision rule: their fresh accounts may vote. Who may vote by
    trust level is tested in tests/trust/."""
    settings.TRUST_REQUIRED_LEVELS = {**settings.TRUST_REQUIRED_LEVELS, "vote": "new"}


@pytest.fixture
def members(make_user):
    return [make_user(f"member{i}") for i in range(4)]


@pytest.fixture
def propose(user):
    def open_(kind, proposer=None, reason="Because the sources say so.", **data):
        return services.open_proposal(
            kind=kind, data=data, proposer=proposer or user, reason=reason,
        )

    return open_


def vote_all(proposal, voters, position="agree"):
    for voter in voters:
        services.cast_vote(proposal_id=proposal.pk, voter=voter, position=position)


def close_now(proposal):
    """Let the deadline pass and close, as the first request after it would."""
    Proposal.objects.filter(pk=proposal.pk).update(closes_at=timezone.now() - timedelta(seconds=1))
    services.sweep()
    return Proposal.objects.get(pk=proposal.pk)


def accepted(proposal, voters):
    vote_all(proposal, voters)
    return close_now(proposal)
