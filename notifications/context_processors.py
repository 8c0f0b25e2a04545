"""The unread count in the header: one COUNT query per page, only for signed-in people."""

from .models import Notification


def unread_notifications(request):
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    return {"unread_notifications_count": Notification.objects.filter(
        recipient=user, read_at__isnull=True).count()}
