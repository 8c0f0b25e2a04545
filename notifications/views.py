"""A person's notifications: the list, opening one (marks it read) and marking all read; and
the one-click unsubscribe of any email stream (``notifications.unsubscribe``)."""

from django.contrib.auth import get_user_model
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from . import unsubscribe as unsubscribe_tokens
from .models import Notification


@login_required
def notification_list(request):
    notifications = Notification.objects.filter(recipient=request.user).select_related("actor")
    page = Paginator(notifications, 30).get_page(request.GET.get("page"))
    return render(request, "notifications/list.html", {"page_obj": page})


@login_required
@require_POST
def open_notification(request, pk):
    notification = get_object_or_404(Notification, pk=pk, recipient=request.user)
    if notification.read_at is None:
        notification.read_at = timezone.now()
        notification.save(update_fields=["read_at"])
    if url_has_allowed_host_and_scheme(notification.url, allowed_hosts=None):
        return redirect(notification.url)
    return redirect("notifications:list")


@login_required
@require_POST
def mark_all_read(request):
    Notification.objects.filter(recipient=request.user, read_at__isnull=True).update(
        read_at=timezone.now()
    )
    return redirect("notifications:list")


@csrf_exempt  # RFC 8058: the mail client POSTs without a session; the signed token is the key
def unsubscribe(request, token):
    """One-click unsubscribe: a POST (the mail client's, or the confirmation button's) stops the
    stream the token names; a GET only asks, so link scanners unsubscribe nobody."""
    found = unsubscribe_tokens.read(token)
    if found is None:
        return render(request, "notifications/unsubscribe.html", {"invalid": True}, status=400)
    user_id, stream = found
    user = get_user_model().objects.filter(pk=user_id).first()
    if user is None:
        return render(request, "notifications/unsubscribe.html", {"invalid": True}, status=400)
    done = request.method == "POST"
    if done:
        stream.stop(user)
    return render(request, "notifications/unsubscribe.html", {
        "stream": stream, "done": done, "username": user.get_username(),
    })
