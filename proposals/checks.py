"""System checks: a decision rule that cannot work is reported at startup, not at a close."""

from django.core.checks import Error, register

from . import conf


@register()
def check_decision_rule(app_configs, **kwargs):
    errors = []
    if not isinstance(conf.quorum(), int) or conf.quorum() < 1:
        errors.append(Error(
            "PROPOSALS_QUORUM must be a whole number of votes, at least 1.",
            hint="For example PROPOSALS_QUORUM = 3.", id="proposals.E001",
        ))
    share = conf.agree_share()
    if not isinstance(share, int | float) or not 0 < share <= 1:
        errors.append(Error(
            "PROPOSALS_AGREE_SHARE must be a share above 0 and at most 1.",
            hint="For example PROPOSALS_AGREE_SHARE = 0.6 (60 % of agree, disagree and block).",
            id="proposals.E002",
        ))
    if conf.block_rule() not in conf.BLOCK_RULES:
        errors.append(Error(
            f"PROPOSALS_BLOCK must be one of {', '.join(conf.BLOCK_RULES)}.",
            hint='The default "editors" lets an Editor\'s block stop automatic acceptance.',
            id="proposals.E003",
        ))
    days = conf.voting_days()
    valid = isinstance(days, list | tuple) and len(days) == 3
    if not (valid and 0 < days[0] <= days[1] <= days[2]):
        errors.append(Error(
            "PROPOSALS_VOTING_DAYS must be (shortest, default, longest), in increasing order.",
            hint="For example PROPOSALS_VOTING_DAYS = (1, 7, 30).", id="proposals.E004",
        ))
    return errors
