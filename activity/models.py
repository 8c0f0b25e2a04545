"""A person's visits (when "since your last visit" starts) and their digest choice."""

from django.conf import settings
from django.db import models
from django.utils import timezone


class Visit(models.Model):
    """When the person was last here before this visit, kept from the cache's record of their
    visits (``activity.visits``) each time they open their activity, so a cache flush does not
    make everything look new or nothing."""

    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE,
                                related_name="+")
    previous_visit_at = models.DateTimeField()

    def __str__(self):
        return f"{self.user} was last here {self.previous_visit_at:%Y-%m-%d %H:%M}"


class DigestSubscription(models.Model):
    """Whether, and how often, a person gets the email summary of their activity."""

    class Frequency(models.TextChoices):
        OFF = "off", "Never"
        DAILY = "daily", "Daily"
        WEEKLY = "weekly", "Weekly"

    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE,
                                related_name="digest")
    frequency = models.CharField(max_length=10, choices=Frequency.choices, default=Frequency.OFF)
    # The end of the period the last digest covered; the next one starts there.
    last_sent_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        indexes = [models.Index(fields=["frequency", "last_sent_at"], name="activity_digest_due")]

    def __str__(self):
        return f"{self.user}: {self.get_frequency_display().lower()} digest"
