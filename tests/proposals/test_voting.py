"""Voting in the Loomio manner and the decision rule from settings, with Editors' decisions."""

from datetime import timedelta

import pytest
from django.utils import timezone

from proposals import services
from proposals.models import Kind, Proposal, Status, Vote
from taxonomy.models import TaxonomyNode

from .conftest import close_now, vote_all

pytestmark = pytest.mark.django_db


@pytest.fixture
def proposal(tree, propose):
    return propose(Kind.RETIRE_NODE, node=tree["large/nations"])


def nations_retired():
    return TaxonomyNode.objects.get(path="large/nations").is_retired


def test_one_vote_per_member_changeable_until_the_close(proposal, members):
    voter = members[0]
    vote, previous = services.cast_vote(proposal_id=proposal.pk, voter=voter, position="agree",
                                        reason="Yes")
    assert previous == ""
    vote, previous = services.cast_vote(proposal_id=proposal.pk, voter=voter,
                                        position="disagree", reason="On reflection, no")
    assert previous == "agree"
    assert Vote.objects.filter(proposal=proposal).count() == 1
    proposal.refresh_from_db()
    assert (proposal.agree_count, proposal.disagree_count) == (0, 1)
    assert Vote.objects.get().reason == "On reflection, no"


def test_a_vote_after_the_close_is_refused(proposal, members):
    Proposal.objects.filter(pk=proposal.pk).update(closes_at=timezone.now() - timedelta(1))
    with pytest.raises(services.Refused, match="closed on"):
        services.cast_vote(proposal_id=proposal.pk, voter=members[0], position="agree")
    assert not Vote.objects.exists()


def test_unknown_position_is_refused(proposal, members):
    with pytest.raises(services.Refused, match="Choose agree"):
        services.cast_vote(proposal_id=proposal.pk, voter=members[0], position="maybe")


def test_an_editors_block_stops_automatic_acceptance(proposal, members, editor):
    vote_all(proposal, members)
    services.cast_vote(proposal_id=proposal.pk, voter=editor, position="block", reason="No")
    proposal = close_now(proposal)
    assert proposal.status == Status.BLOCKED and "Blocked by edna" in proposal.outcome
    assert not nations_retired()
    services.accept(proposal_id=proposal.pk, editor=editor, note="Talked it through")
    proposal.refresh_from_db()
    assert proposal.status == Status.ACCEPTED and nations_retired()
    assert proposal.decided_by == editor


def test_a_members_block_counts_as_a_disagree(proposal, members):
    vote_all(proposal, members[:3])
    services.cast_vote(proposal_id=proposal.pk, voter=members[3], position="block")
    proposal = close_now(proposal)
    assert proposal.status == Status.ACCEPTED  # 3 of 4 = 75 % >= 60 %
    assert "3 of 4 agreed" in proposal.outcome


def test_block_rule_anyone(proposal, members, settings):
    settings.PROPOSALS_BLOCK = "anyone"
    vote_all(proposal, members[:3])
    services.cast_vote(proposal_id=proposal.pk, voter=members[3], position="block")
    assert close_now(proposal).status == Status.BLOCKED


def test_quorum_and_share_come_from_settings(proposal, members, settings):
    settings.PROPOSALS_QUORUM = 1
    settings.PROPOSALS_AGREE_SHARE = 1.0
    vote_all(proposal, members[:1])
    assert close_now(proposal).status == Status.ACCEPTED


def test_abstentions_count_for_the_quorum_only(proposal, members):
    vote_all(proposal, members[:2], "abstain")
    vote_all(proposal, members[2:3], "agree")
    proposal = close_now(proposal)
    assert proposal.status == Status.ACCEPTED and "1 of 1 agreed" in proposal.outcome


def test_editors_accept_early_extend_and_reject(tree, propose, editor, user):
    early = propose(Kind.RETIRE_NODE, node=tree["large/nations"])
    services.accept(proposal_id=early.pk, editor=editor)
    assert nations_retired()
    with pytest.raises(services.Refused, match="already decided"):
        services.reject(proposal_id=early.pk, editor=editor, reason="Too late")

    later = propose(Kind.RETIRE_NODE, node=tree["large/confederacies"])
    closes = later.closes_at
    services.extend(proposal_id=later.pk, editor=editor, days=3)
    later.refresh_from_db()
    assert later.closes_at == closes + timedelta(days=3)
    with pytest.raises(services.Refused, match="Say why"):
        services.reject(proposal_id=later.pk, editor=editor, reason=" ")
    services.reject(proposal_id=later.pk, editor=editor, reason="Not a consensus")
    later.refresh_from_db()
    assert later.status == Status.REJECTED and "Not a consensus" in later.outcome
    assert not TaxonomyNode.objects.get(path="large/confederacies").is_retired


def test_members_cannot_decide(proposal, members):
    with pytest.raises(services.Refused, match="Only Editors"):
        services.accept(proposal_id=proposal.pk, editor=members[0])
    assert not nations_retired()


def test_closing_twice_applies_once(proposal, members):
    vote_all(proposal, members[:3])
    proposal = close_now(proposal)
    changes = proposal.applied.count()
    assert services.close(proposal.pk).status == Status.ACCEPTED
    services.sweep()
    assert proposal.applied.count() == changes == 1


def test_reminder_a_day_before_the_close_is_sent_once(proposal, members, user):
    from notifications.models import Notification

    services.cast_vote(proposal_id=proposal.pk, voter=members[0], position="agree")
    Proposal.objects.filter(pk=proposal.pk).update(closes_at=timezone.now() + timedelta(hours=5))
    services.sweep()
    services.sweep()
    reminded = Notification.objects.filter(verb="closes soon")
    assert set(reminded.values_list("recipient__username", flat=True)) == {"alice", "member0"}
    assert Proposal.objects.get(pk=proposal.pk).status == Status.OPEN


def test_decision_is_told_to_proposer_and_voters(proposal, members, user):
    from notifications.models import Notification

    vote_all(proposal, members[:3])
    close_now(proposal)
    told = set(Notification.objects.filter(verb="was accepted")
               .values_list("recipient__username", flat=True))
    assert told == {"alice", "member0", "member1", "member2"}


def test_voting_period_limits(tree, propose, user):
    with pytest.raises(Exception, match="between 1 and 30 days"):
        services.open_proposal(kind=Kind.RETIRE_NODE, data={"node": tree["large/nations"]},
                               proposer=user, reason="x", days=90)
    assert not Proposal.objects.exists()


def test_management_command_closes_due_proposals(proposal, members):
    from django.core.management import call_command

    vote_all(proposal, members[:3])
    Proposal.objects.filter(pk=proposal.pk).update(closes_at=timezone.now() - timedelta(1))
    call_command("close_proposals", stdout=open("/dev/null", "w"))  # noqa: SIM115
    assert Proposal.objects.get(pk=proposal.pk).status == Status.ACCEPTED
    assert nations_retired()


def test_people_mentioned_and_watchers_are_told_at_opening(tree, propose, make_user):
    from forum.actions import set_node_watch
    from notifications.models import Notification

    mentioned, watcher = make_user("mia"), make_user("walt")
    set_node_watch(watcher, tree["medium"], True)  # the forum of the new parent
    propose(Kind.MOVE_NODE, node=tree["small/hubs"], parent=tree["medium"],
            reason="@mia knows the numbers")
    assert Notification.objects.filter(recipient=mentioned, verb="mentioned you").exists()
    assert Notification.objects.filter(recipient=watcher, verb="proposed a change").exists()


def test_a_decision_rule_that_cannot_work_is_a_system_check_error(settings):
    from proposals.checks import check_decision_rule

    assert check_decision_rule(None) == []
    settings.PROPOSALS_QUORUM = 0
    settings.PROPOSALS_AGREE_SHARE = 1.5
    settings.PROPOSALS_BLOCK = "veto"
    settings.PROPOSALS_VOTING_DAYS = (7, 1, 30)
    ids = [error.id for error in check_decision_rule(None)]
    assert ids == ["proposals.E001", "proposals.E002", "proposals.E003", "proposals.E004"]


def test_the_periodic_task_closes_due_proposals(proposal, members):
    from proposals.tasks import close_due

    vote_all(proposal, members[:3])
    Proposal.objects.filter(pk=proposal.pk).update(closes_at=timezone.now() - timedelta(1))
    close_due.call()
    assert Proposal.objects.get(pk=proposal.pk).status == Status.ACCEPTED
