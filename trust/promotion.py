"""Automatic promotion: who has earned a higher level, by the thresholds in ``TRUST_PROMOTION``.

    member:  account at least ``days`` old, ``contributions`` posts or edits, at most ``flagged``
             flags upheld against them
    regular: the same with higher numbers, plus contributions in ``active_weeks`` different weeks
             (sustained over weeks, not one busy afternoon)

Promotion never lowers a level and leaves levels a Moderator locked alone. It runs as a task
(``trust.tasks.promote``, queued by cron through ``manage.py enqueue_task``) over people in
chunks; each change is logged.
"""

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import timedelta

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone

from . import activity
from .models import Level, LevelChange, Standing

CHUNK = 500


@dataclass
class Record:
    """What one person did, as promotion sees it."""

    joined: object
    contributions: int = 0
    weeks: set = field(default_factory=set)
    flagged: int = 0


def earned(record, now):
    """The highest level ``record`` meets the thresholds of."""
    level = Level.NEW
    for name, target in (("member", Level.MEMBER), ("regular", Level.REGULAR)):
        rule = settings.TRUST_PROMOTION[name]
        meets = (
            record.joined <= now - timedelta(days=rule.get("days", 0))
            and record.contributions >= rule.get("contributions", 0)
            and len(record.weeks) >= rule.get("active_weeks", 0)
            and record.flagged <= rule.get("flagged", 0)
        )
        if not meets:
            break
        level = target
    return level


def records(users):
    """``{user_id: Record}`` for ``users`` (a list of (id, date_joined))."""
    found = {pk: Record(joined=joined) for pk, joined in users}
    ids = list(found)
    for user_id, created_at in activity.contributions.collect(ids):
        if user_id in found:
            found[user_id].contributions += 1
            found[user_id].weeks.add(created_at.isocalendar()[:2])
    for user_id in activity.flags.collect(ids):
        if user_id in found:
            found[user_id].flagged += 1
    return found


def promote_all(now=None):
    """Promote everyone who earned it; returns ``{level: how many were promoted to it}``."""
    now = now or timezone.now()
    promoted = defaultdict(int)
    candidates = (
        get_user_model().objects.filter(is_active=True)
        .exclude(standing__locked=True).exclude(standing__level=Level.REGULAR)
        .order_by("pk").values_list("pk", "date_joined")
    )
    last = 0
    while True:
        chunk = list(candidates.filter(pk__gt=last)[:CHUNK])
        if not chunk:
            break
        last = chunk[-1][0]
        current = dict(Standing.objects.filter(user_id__in=[pk for pk, _ in chunk])
                       .values_list("user_id", "level"))
        for user_id, record in records(chunk).items():
            level = earned(record, now)
            before = current.get(user_id, _implicit_level(record.joined, now))
            if level > before and _raise(user_id, before, level, now):
                promoted[Level(level).label] += 1
    return dict(promoted)


def _implicit_level(joined, now):
    young = joined > now - timedelta(days=settings.NS_NEW_ACCOUNT_DAYS)
    return Level.NEW if young else Level.MEMBER


@transaction.atomic
def _raise(user_id, before, level, now):
    standing, _ = Standing.objects.select_for_update().get_or_create(
        user_id=user_id, defaults={"level": before})
    if standing.locked or standing.level >= level:
        return False  # a Moderator got there first, or another run did
    LevelChange.objects.create(user_id=user_id, from_level=standing.level, to_level=level,
                               reason="Promoted automatically for sustained contribution.",
                               created_at=now)
    standing.level, standing.changed_at = level, now
    standing.save(update_fields=["level", "changed_at"])
    return True


@transaction.atomic
def set_level(*, user, level, moderator, reason, locked=True):
    """A Moderator sets ``user``'s level (a demotion, usually), locking it by default so promotion
    does not undo it; ``locked=False`` releases the lock. Logged with the reason."""
    from accounts.roles import is_moderator

    from . import levels

    if not is_moderator(moderator):
        raise PermissionError("Only Moderators change trust levels.")
    reason = " ".join(reason.split())
    if not reason:
        raise ValueError("Say why: the change is logged with its reason.")
    standing, _ = Standing.objects.select_for_update().get_or_create(
        user=user, defaults={"level": levels._stored_level(user)})
    LevelChange.objects.create(user=user, from_level=standing.level, to_level=level,
                               by=moderator, reason=reason[:500], locked=locked)
    standing.level, standing.locked, standing.changed_at = level, locked, timezone.now()
    standing.save()
    levels.forget(user)
    return standing
