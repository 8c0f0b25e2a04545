"""Two processes closing the same proposal at once apply it once (PostgreSQL, real commits)."""

import contextlib
from datetime import timedelta

import pytest
from django.db import connection
from django.utils import timezone

from proposals import services
from proposals.models import AppliedChange, Kind, Proposal, Status
from taxonomy.models import Change, Example
from tests.taxonomy.test_concurrency import run_concurrently

from .conftest import vote_all

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(connection.vendor != "postgresql", reason="needs PostgreSQL"),
]


@pytest.mark.parametrize("closer", ["close", "sweep", "accept"])
def test_two_processes_closing_at_once_apply_it_once(tree, propose, members, editor, closer):
    proposal = propose(Kind.ADD_EXAMPLE, name="Zuzalu", status="past",
                       nodes=[tree["small/pop-up-villages"]])
    vote_all(proposal, members[:3])
    Proposal.objects.filter(pk=proposal.pk).update(closes_at=timezone.now() - timedelta(1))
    changes = Change.objects.count()
    job = {
        "close": lambda: services.close(proposal.pk),
        "sweep": services.sweep,
        "accept": lambda: _accept_or_refused(proposal, editor),
    }[closer]
    assert run_concurrently(job, job, job, job) == []
    assert Proposal.objects.get(pk=proposal.pk).status == Status.ACCEPTED
    assert Example.objects.filter(name="Zuzalu").count() == 1
    assert Change.objects.count() == changes + 1
    assert AppliedChange.objects.filter(proposal=proposal).count() == 1


def _accept_or_refused(proposal, editor):
    with contextlib.suppress(services.Refused):  # the other process decided it first
        services.accept(proposal_id=proposal.pk, editor=editor)


def test_a_vote_racing_the_close_is_counted_or_refused(tree, propose, members):
    proposal = propose(Kind.RETIRE_NODE, node=tree["large/nations"])
    vote_all(proposal, members[:2])
    Proposal.objects.filter(pk=proposal.pk).update(closes_at=timezone.now() - timedelta(1))
    refused = []

    def late_vote():
        try:
            services.cast_vote(proposal_id=proposal.pk, voter=members[2], position="agree")
        except services.Refused:
            refused.append(True)

    assert run_concurrently(lambda: services.close(proposal.pk), late_vote) == []
    proposal.refresh_from_db()
    # The deadline has passed: the vote is refused, and the two votes miss the quorum.
    assert refused and proposal.status == Status.REJECTED and proposal.vote_count == 2
