"""A person's level from their first sign-up, and in their data archive."""

from . import levels
from .models import Level, LevelChange, Standing


def start_new(sender, request, user, **kwargs):
    """``user_signed_up`` receiver: a new account starts at "new" (not at whatever its age
    would imply for an account without a level)."""
    Standing.objects.get_or_create(user=user, defaults={"level": Level.NEW})


def export(user):
    return {
        "level": levels.level_of(user).label,
        "changes": [{
            "from": change.get_from_level_display(), "to": change.get_to_level_display(),
            "reason": change.reason, "at": change.created_at,
        } for change in LevelChange.objects.filter(user=user)],
    }


def erase(user, remove_contributions):
    """A former member has no level, and the log of Moderators' notes about them goes."""
    LevelChange.objects.filter(user=user).delete()
    Standing.objects.filter(user=user).delete()
