"""A person's public profile and preferences, beside Django's user model."""

from django.conf import settings
from django.db import models


class Profile(models.Model):
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="profile"
    )
    bio = models.TextField(blank=True, max_length=2000, help_text="A few words about yourself.")
    email_notifications = models.BooleanField(
        default=True, help_text="Email me about replies, mentions and changes to what I watch."
    )

    def __str__(self):
        return f"Profile of {self.user}"

    @classmethod
    def for_user(cls, user):
        return cls.objects.get_or_create(user=user)[0]


class KnownDevice(models.Model):
    """A browser (its kind and system, never an identifier) someone signed in from, so a sign-in
    from a new one can be told to them (accounts/signins.py)."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="known_devices"
    )
    fingerprint = models.CharField(max_length=64)
    label = models.CharField(max_length=100)
    first_seen_at = models.DateTimeField()
    last_seen_at = models.DateTimeField()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["user", "fingerprint"], name="accounts_device_once"),
        ]

    def __str__(self):
        return f"{self.user}: {self.label}"
