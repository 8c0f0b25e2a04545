"""Email digests: the same summary as /activity/, for the period since the last digest, sent to
those who chose daily or weekly (``DigestSubscription``) when something changed.

``send_due`` (``activity.tasks.send_digests``, queued hourly by cron: README) queues one task per
person whose digest is due, so a failing address delays only its own email; each task builds and
queues the email and moves the person's period on in one transaction.
"""

from datetime import timedelta

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.db import transaction
from django.db.models import Q
from django.template.loader import render_to_string
from django.utils import timezone

from notifications import unsubscribe
from notifications.tasks import queue_email

from . import registry
from .models import DigestSubscription

PERIODS = {
    DigestSubscription.Frequency.DAILY: timedelta(days=1),
    DigestSubscription.Frequency.WEEKLY: timedelta(days=7),
}
# A digest is due a little early rather than an hour late, as the job runs hourly.
SLACK = timedelta(minutes=30)


def due(now=None):
    """The subscriptions whose digest is due at ``now``: active people with an email."""
    now = now or timezone.now()
    wanted = Q()
    for frequency, period in PERIODS.items():
        wanted |= Q(frequency=frequency) & (
            Q(last_sent_at__isnull=True) | Q(last_sent_at__lte=now - period + SLACK))
    return (
        DigestSubscription.objects.filter(wanted, user__is_active=True)
        .exclude(user__email="").select_related("user")
    )


def build(user, since, now):
    """The email for ``user`` covering ``since``..``now``, or None when nothing happened."""
    groups = registry.collect(user, since)
    if not groups:
        return None
    site = settings.NS_SITE_URL.rstrip("/")
    context = {
        "user": user, "groups": groups, "since": since, "site": site,
        "site_name": settings.NS_SITE_NAME,
        "unsubscribe_url": unsubscribe.url(user, "digest"),
        "count": sum(len(group.items) for group in groups),
    }
    subject = (f"{settings.ACCOUNT_EMAIL_SUBJECT_PREFIX}Your "
               f"{user.digest.get_frequency_display().lower()} digest: "
               f"{context['count']} update{'s' if context['count'] != 1 else ''}")
    message = EmailMultiAlternatives(
        subject, render_to_string("activity/digest_email.txt", context), None, [user.email],
        headers=unsubscribe.headers(user, "digest"),
    )
    message.attach_alternative(render_to_string("activity/digest_email.html", context),
                               "text/html")
    return message


@transaction.atomic
def send_one(subscription_id, now=None):
    """Queue the digest of one subscription if still due; move its period on either way."""
    now = now or timezone.now()
    subscription = (
        due(now).select_for_update(of=("self",)).filter(pk=subscription_id).first()
    )
    if subscription is None:
        return False
    period = PERIODS[subscription.frequency]
    since = subscription.last_sent_at or now - period
    message = build(subscription.user, since, now)
    if message is not None:
        queue_email(message)
    subscription.last_sent_at = now
    subscription.save(update_fields=["last_sent_at"])
    return message is not None
