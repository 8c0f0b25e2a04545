"""The proposals app's settings, each read when needed (so tests can override them), with its
default here. Document a new one in README.md's Proposals section too.

``PROPOSALS_QUORUM``
    Votes (of any position) a proposal needs at its close to be decided by the rule; with fewer
    it is rejected for lack of quorum. Default 3.
``PROPOSALS_AGREE_SHARE``
    Share of agree votes among agree, disagree and block votes needed to accept (abstentions
    count for the quorum only). Default 0.6.
``PROPOSALS_BLOCK``
    What a block does at the close: ``"editors"`` (default) — a block by an Editor or Moderator
    stops automatic acceptance and the proposal waits for an Editor's decision, a member's block
    counts as a disagree; ``"regulars"`` — a block by a regular (trust level) does too;
    ``"anyone"`` — any block does that; ``"disagree"`` — a block is a
    disagree.
``PROPOSALS_VOTING_DAYS``
    ``(shortest, default, longest)`` voting period a proposer may choose, in days. Default
    ``(1, 7, 30)``.
``PROPOSALS_REMIND_HOURS``
    How long before the close watchers and voters are reminded. Default 24.
"""

from django.conf import settings

BLOCK_RULES = ("editors", "regulars", "anyone", "disagree")


def quorum():
    return getattr(settings, "PROPOSALS_QUORUM", 3)


def agree_share():
    return getattr(settings, "PROPOSALS_AGREE_SHARE", 0.6)


def block_rule():
    return getattr(settings, "PROPOSALS_BLOCK", "editors")


def voting_days():
    return getattr(settings, "PROPOSALS_VOTING_DAYS", (1, 7, 30))


def remind_hours():
    return getattr(settings, "PROPOSALS_REMIND_HOURS", 24)
