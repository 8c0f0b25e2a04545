"""Asking for a level: what the rest of the site calls.

    from trust import levels
    levels.level_of(user)                  # Level.NEW / MEMBER / REGULAR
    levels.allows(user, "vote")            # the level TRUST_REQUIRED_LEVELS names, or higher
    levels.is_new(user)                    # the stricter limits apply

Editors and Moderators always count as regulars; anonymous people are below every level.
The level is read once per user object (one query) and cached on it.
"""

from datetime import timedelta

from django.conf import settings
from django.utils import timezone

from accounts.roles import is_editor

from .models import Level, Standing

LEVEL_NAMES = {"new": Level.NEW, "member": Level.MEMBER, "regular": Level.REGULAR}


def level_of(user):
    if not user.is_authenticated:
        return None
    cached = getattr(user, "_trust_level", None)
    if cached is None:
        cached = _stored_level(user)
        if is_editor(user):
            cached = max(cached, Level.REGULAR)
        user._trust_level = cached
    return Level(cached)


def _stored_level(user):
    standing = Standing.objects.filter(user_id=user.pk).values_list("level", flat=True).first()
    if standing is not None:
        return standing
    joined = getattr(user, "date_joined", None) or timezone.now()
    young = joined > timezone.now() - timedelta(days=settings.NS_NEW_ACCOUNT_DAYS)
    return Level.NEW if young else Level.MEMBER


def forget(user):
    """Drop the cached level (after a change)."""
    user.__dict__.pop("_trust_level", None)


def required(action):
    """The lowest level allowed ``action`` (a key of ``TRUST_REQUIRED_LEVELS``)."""
    return LEVEL_NAMES[settings.TRUST_REQUIRED_LEVELS[action]]


def allows(user, action):
    level = level_of(user)
    return level is not None and level >= required(action)


def is_new(user):
    return level_of(user) == Level.NEW
