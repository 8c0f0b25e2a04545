"""Notifications are only ever the recipient's: exported with their data, deleted with it."""

from .models import Notification


def export(user):
    return list(Notification.objects.filter(recipient=user)
                .values("verb", "text", "url", "created_at", "read_at"))


def erase(user, remove_contributions):
    Notification.objects.filter(recipient=user).delete()
