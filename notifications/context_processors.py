"""The unread count in the header: one COUNT query per request, only for signed-in people.

A view that renders more than one template with the request (a fragment, an included form) runs
context processors once per render; the count is kept on the request so it is asked once."""

from .models import Notification


def unread_notifications(request):
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    if not hasattr(request, "_unread_notifications_count"):
        request._unread_notifications_count = Notification.objects.filter(
            recipient=user, read_at__isnull=True).count()
    return {"unread_notifications_count": request._unread_notifications_count}
