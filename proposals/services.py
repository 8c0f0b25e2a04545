"""Everything that changes a proposal, each in one transaction: opening it (with its post in the
thread), voting, closing it by the decision rule, and Editors' early acceptance, extension and
rejection.

Closing locks the proposal's row first and does nothing unless it is still open and due, so two
processes closing the same proposal at once apply it once. Accepting then takes the taxonomy's
tree lock (``taxonomy.editing`` takes it again, harmlessly) and applies the change through the
same services Editors use; if the tree has moved on so that the change no longer applies,
nothing is applied, the proposal is marked stale with the reason, and the proposer is told.
"""

from datetime import timedelta

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone

from accounts.roles import EDITORS, MODERATORS, is_editor
from notifications.service import notify
from taxonomy.editing import lock_tree
from trust import levels
from trust.models import Level

from . import conf
from .kinds import KINDS, dry_run
from .models import AppliedChange, Position, Proposal, Status, Vote


class Refused(Exception):
    """An action a person may not take; ``str()`` is the message to show them."""


def voting_deadline(days, now=None):
    shortest, _, longest = conf.voting_days()
    if days is None:
        days = conf.voting_days()[1]
    if not shortest <= days <= longest:
        raise ValidationError(
            {"days": f"Voting lasts between {shortest} and {longest} days."}
        )
    return (now or timezone.now()) + timedelta(days=days)


# --- Opening ---------------------------------------------------------------------------------


@transaction.atomic
def open_proposal(*, kind, data, proposer, reason, days=None, thread=None):
    """Check the change (by applying it in a savepoint that is rolled back), post it in
    ``thread`` (or a new thread on the concept) and open the vote. Raises ValidationError with
    the services' messages, or Refused when the thread takes no posts; stores nothing then."""
    from forum import actions as forum_actions
    from forum import permissions as forum_permissions

    spec = KINDS[kind]
    payload = spec.payload(data)
    closes_at = voting_deadline(days)
    preview = dry_run(spec, payload, proposer)
    title = spec.title(payload)[:200]
    node, example = spec.subject(payload)
    body = f"**Proposal: {title}**\n\n{reason}"
    if thread is not None:
        refusal = forum_permissions.reply_refusal(proposer, thread)
        if refusal:
            raise Refused(refusal)
        post = forum_actions.reply(thread_id=thread.pk, author=proposer, body=body)
    else:
        thread = forum_actions.start_thread(
            node=_home_node(node, example), author=proposer, title=f"Proposal: {title}"[:200],
            body=body,
        )
        post = thread.posts.get(number=1)
    proposal = Proposal.objects.create(
        kind=kind, title=title, reason=reason, thread=thread, post=post, proposer=proposer,
        node=node, example=example, payload=payload, preview=preview, closes_at=closes_at,
    )
    proposal.nodes.set([pk for pk in spec.touched_nodes(payload) if pk])
    _tell_node_watchers(proposal)
    return proposal


def _home_node(node, example):
    """The forum a new proposal thread starts in: the category's, else the example's first."""
    from taxonomy.models import TaxonomyNode

    if node is not None and not node.is_retired:
        return node
    if example is not None:
        first = example.nodes.active().order_by("tree_id", "lft").first()
        if first:
            return first
    return TaxonomyNode.objects.get(parent=None)


def _tell_node_watchers(proposal):
    """People watching the forum of a category the proposal touches (the forum already told
    those watching the thread's own forum and those mentioned in the reason)."""
    from forum.models import NodeSubscription

    watchers = set(
        NodeSubscription.objects.filter(node__in=proposal.nodes.all())
        .exclude(node=proposal.thread.node_id).values_list("user_id", flat=True)
    )
    name = proposal.proposer.get_username() if proposal.proposer else "Someone"
    notify(watchers, actor=proposal.proposer, verb="proposed a change",
           text=f"{name} proposed: {proposal.title}", url=proposal.thread_url())


# --- Voting ----------------------------------------------------------------------------------


@transaction.atomic
def cast_vote(*, proposal_id, voter, position, reason=""):
    """Record ``voter``'s position, replacing their earlier one; returns ``(vote, previous)``
    where ``previous`` is the position they had before ("" for a first vote)."""
    if position not in Position.values:
        raise Refused("Choose agree, abstain, disagree or block.")
    proposal = Proposal.objects.select_for_update().get(pk=proposal_id)
    now = timezone.now()
    if proposal.status != Status.OPEN or proposal.closes_at <= now:
        when = timezone.localtime(proposal.closed_at or proposal.closes_at)
        raise Refused(f"Voting on this proposal closed on {when:%d %b %Y at %H:%M}; "
                      "votes can no longer be cast or changed.")
    if not voter.is_authenticated or not voter.is_active:
        raise Refused("Log in to vote.")
    if not levels.allows(voter, "vote"):
        raise Refused("Votes are cast by members: new accounts become members after a few days "
                      "of taking part (your profile shows your trust level).")
    vote = Vote.objects.filter(proposal=proposal, voter=voter).first()
    previous = vote.position if vote else ""
    if vote is None:
        vote = Vote(proposal=proposal, voter=voter, created_at=now)
    else:
        _count(proposal, vote.position, -1)
    vote.position, vote.reason, vote.updated_at = position, reason.strip()[:500], now
    vote.save()
    _count(proposal, position, +1)
    proposal.save(update_fields=[f"{p}_count" for p in Position.values])
    return vote, previous


def _count(proposal, position, step):
    name = f"{position}_count"
    setattr(proposal, name, getattr(proposal, name) + step)


# --- The decision rule -----------------------------------------------------------------------


def decide(proposal):
    """``(status, why)`` the rule gives for ``proposal``'s votes as they stand."""
    votes, quorum = proposal.vote_count, conf.quorum()
    if votes < quorum:
        return Status.REJECTED, (
            f"Not enough votes: {votes} cast, {quorum} needed for a decision."
        )
    blocks = _deciding_blocks(proposal)
    if blocks:
        names = ", ".join(blocks)
        return Status.BLOCKED, (
            f"Blocked by {names}: the proposal waits for an Editor or Moderator to accept or "
            "reject it."
        )
    counted = proposal.agree_count + proposal.disagree_count + proposal.block_count
    if not counted:
        return Status.REJECTED, "Everyone abstained."
    share = proposal.agree_count / counted
    needed = conf.agree_share()
    verdict = f"{proposal.agree_count} of {counted} agreed ({share:.0%}; {needed:.0%} needed)."
    if share >= needed:
        return Status.ACCEPTED, verdict
    return Status.REJECTED, verdict


def _deciding_blocks(proposal):
    """Usernames whose block stops automatic acceptance under ``PROPOSALS_BLOCK``."""
    rule = conf.block_rule()
    if rule == "disagree" or not proposal.block_count:
        return []
    blocks = proposal.votes.filter(position=Position.BLOCK).select_related("voter")
    if rule in ("editors", "regulars"):
        deciding = Q(voter__is_superuser=True) | Q(voter__groups__name__in=[EDITORS, MODERATORS])
        if rule == "regulars":
            deciding |= Q(voter__standing__level__gte=Level.REGULAR)
        blocks = blocks.filter(deciding).distinct()
    return [vote.voter.get_username() for vote in blocks]


# --- Closing ---------------------------------------------------------------------------------


def close(proposal_id, now=None):
    """Close ``proposal_id`` by the rule if it is open and due; at most once, however many
    processes try. Returns the proposal."""
    now = now or timezone.now()
    with transaction.atomic():
        proposal = Proposal.objects.select_for_update().get(pk=proposal_id)
        if proposal.status != Status.OPEN or proposal.closes_at > now:
            return proposal
        status, why = decide(proposal)
        if status == Status.ACCEPTED:
            _accept(proposal, None, why, now)
        elif status == Status.BLOCKED:
            proposal.status, proposal.outcome = status, why
            proposal.save(update_fields=["status", "outcome"])
            _tell_decision(proposal, None, "waits for a decision")
        else:
            _finish(proposal, Status.REJECTED, None, why, now)
    return proposal


def sweep(now=None):
    """Close every due proposal and send every due reminder: the management command, and the
    first request to a proposals page after a deadline."""
    now = now or timezone.now()
    remind_from = now + timedelta(hours=conf.remind_hours())
    due = Proposal.objects.filter(status=Status.OPEN).filter(
        Q(closes_at__lte=now) | Q(reminded_at__isnull=True, closes_at__lte=remind_from)
    ).values_list("pk", "closes_at")
    return settle(list(due), now)


def settle(proposals, now=None):
    """Close or remind those of ``proposals`` (rows or ``(pk, closes_at)`` pairs) that are due;
    True when something happened, so the caller reads them again."""
    now = now or timezone.now()
    remind_from = now + timedelta(hours=conf.remind_hours())
    acted = False
    for item in proposals:
        pk, closes_at = item if isinstance(item, tuple) else (item.pk, item.closes_at)
        status = item.status if isinstance(item, Proposal) else Status.OPEN
        if status != Status.OPEN:
            continue
        if closes_at <= now:
            close(pk, now)
            acted = True
        elif closes_at <= remind_from and remind(pk, now):
            acted = True
    return acted


def remind(proposal_id, now=None):
    """Tell watchers and voters that voting closes soon; once per proposal."""
    now = now or timezone.now()
    with transaction.atomic():
        updated = Proposal.objects.filter(
            pk=proposal_id, status=Status.OPEN, reminded_at__isnull=True
        ).update(reminded_at=now)
        if not updated:
            return False
        proposal = Proposal.objects.select_related("thread").get(pk=proposal_id)
        when = timezone.localtime(proposal.closes_at)
        notify(_audience(proposal), actor=None, verb="closes soon",
               text=f"Voting on “{proposal.title}” closes on {when:%d %b at %H:%M}",
               url=proposal.thread_url())
    return True


# --- Editors' decisions ----------------------------------------------------------------------


def _require_editor(user):
    if not is_editor(user):
        raise Refused("Only Editors and Moderators can decide a proposal early.")


def _undecided(proposal_id):
    proposal = Proposal.objects.select_for_update().get(pk=proposal_id)
    if not proposal.is_undecided:
        raise Refused(f"This proposal was already decided: {proposal.get_status_display()}.")
    return proposal


@transaction.atomic
def accept(*, proposal_id, editor, note=""):
    """An Editor accepts now, before the close or after a block."""
    _require_editor(editor)
    proposal = _undecided(proposal_id)
    name = editor.get_username()
    why = f"Accepted by {name}" + (f": {note.strip()}" if note.strip() else ".")
    _accept(proposal, editor, why, timezone.now())
    return proposal


@transaction.atomic
def reject(*, proposal_id, editor, reason):
    _require_editor(editor)
    if not reason.strip():
        raise Refused("Say why the proposal is rejected: the proposer and the voters are told.")
    proposal = _undecided(proposal_id)
    _finish(proposal, Status.REJECTED, editor,
            f"Rejected by {editor.get_username()}: {reason.strip()}", timezone.now())
    return proposal


@transaction.atomic
def extend(*, proposal_id, editor, days):
    """Give the vote ``days`` more (from now, if the close has passed); a blocked proposal opens
    again for votes."""
    _require_editor(editor)
    proposal = _undecided(proposal_id)
    now = timezone.now()
    start = max(proposal.closes_at, now)
    shortest, _, longest = conf.voting_days()
    if not shortest <= days <= longest:
        raise Refused(f"Extend by between {shortest} and {longest} days.")
    proposal.closes_at = start + timedelta(days=days)
    proposal.status, proposal.outcome, proposal.reminded_at = Status.OPEN, "", None
    proposal.save(update_fields=["closes_at", "status", "outcome", "reminded_at"])
    when = timezone.localtime(proposal.closes_at)
    notify(_audience(proposal), actor=editor, verb="extended the vote",
           text=f"Voting on “{proposal.title}” now closes on {when:%d %b at %H:%M}",
           url=proposal.thread_url())
    return proposal


# --- Shared ending ---------------------------------------------------------------------------


def _accept(proposal, by, why, now):
    """Apply the change, or mark the proposal stale if the tree no longer allows it."""
    spec = KINDS[proposal.kind]
    lock_tree()
    reason = f"Proposal #{proposal.pk}: {proposal.title}"[:300]
    stale = ""
    try:
        stale = spec.conflict(proposal.payload)
        if not stale:
            with transaction.atomic():
                changes = [c for c in spec.apply(proposal.payload, proposal.proposer, reason) if c]
                AppliedChange.objects.bulk_create(
                    AppliedChange(proposal=proposal, change=change) for change in changes
                )
    except ValidationError as error:
        stale = "The taxonomy no longer allows this change: " + " ".join(error.messages)
    except IntegrityError:  # an example's slug taken at this very moment, say
        stale = "The taxonomy changed while this proposal was being applied; nothing was applied."
    if stale:
        _finish(proposal, Status.STALE, by, stale, now)
    else:
        _finish(proposal, Status.ACCEPTED, by, why, now)


def _finish(proposal, status, by, why, now):
    proposal.status, proposal.outcome = status, why[:500]
    proposal.closed_at, proposal.decided_by = now, by
    proposal.save(update_fields=["status", "outcome", "closed_at", "decided_by"])
    verb = {Status.ACCEPTED: "was accepted", Status.REJECTED: "was rejected",
            Status.STALE: "could not be applied"}[status]
    _tell_decision(proposal, by, verb)


def _tell_decision(proposal, by, verb):
    notify(_audience(proposal), actor=by, verb=verb,
           text=f"“{proposal.title}” {verb}: {proposal.outcome}", url=proposal.thread_url())


def _audience(proposal):
    """Who hears about a proposal: the thread's watchers, voters and the proposer."""
    from forum.models import ThreadSubscription

    watchers = ThreadSubscription.objects.filter(thread=proposal.thread_id)
    ids = set(watchers.values_list("user_id", flat=True))
    ids |= set(proposal.votes.values_list("voter_id", flat=True))
    if proposal.proposer_id:
        ids.add(proposal.proposer_id)
    return ids
