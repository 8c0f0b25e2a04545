"""A person's trust level and every change to it.

Levels grow with contribution (``trust.promotion``, run by a scheduled task) and only Moderators
lower them. Editors and Moderators are roles (groups), not levels; they count as regulars and
more wherever a level is asked for (``trust.levels``).
"""

from django.conf import settings
from django.db import models
from django.utils import timezone


class Level(models.IntegerChoices):
    NEW = 0, "New"
    MEMBER = 1, "Member"
    REGULAR = 2, "Regular"


class Standing(models.Model):
    """The level of one person. People without a row (accounts from before levels existed, made
    by hand or in the admin) are new while younger than ``NS_NEW_ACCOUNT_DAYS``, members after:
    what "new account" meant before."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="standing"
    )
    level = models.PositiveSmallIntegerField(choices=Level.choices, default=Level.NEW)
    # Set by a Moderator's change: automatic promotion leaves a locked level alone (Discourse's
    # "locked trust level") until a Moderator releases it.
    locked = models.BooleanField(default=False)
    changed_at = models.DateTimeField(default=timezone.now)

    def __str__(self):
        return f"{self.user}: {self.get_level_display()}"


class LevelChange(models.Model):
    """One change of level: automatic (``by`` empty) or a Moderator's, with the reason."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="trust_changes"
    )
    from_level = models.PositiveSmallIntegerField(choices=Level.choices)
    to_level = models.PositiveSmallIntegerField(choices=Level.choices)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
        related_name="+",
    )
    reason = models.CharField(max_length=500)
    locked = models.BooleanField(default=False)
    created_at = models.DateTimeField(default=timezone.now, db_index=True)

    class Meta:
        ordering = ["-created_at", "-pk"]

    def __str__(self):
        return f"{self.user}: {self.get_from_level_display()} → {self.get_to_level_display()}"
