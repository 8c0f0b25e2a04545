"""``notify()``: the one way any app tells people that something happened.

Rows are written in the caller's transaction; email goes out only after it commits, so a rolled
back edit never mails anyone. People switch email off on their settings page.
"""

import logging

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import send_mass_mail
from django.db import transaction

from .models import Notification

logger = logging.getLogger(__name__)


def notify(recipients, *, actor, verb, text, url, email_subject=None, email_body=None):
    """Notify each of ``recipients`` (users or ids) once, never the actor themself.

    ``url`` is site-relative; emails get it made absolute from the request-free ``NS_SITE_URL``.
    Returns the number of notifications written.
    """
    actor_id = getattr(actor, "pk", actor)
    ids = {getattr(r, "pk", r) for r in recipients} - {actor_id, None}
    if not ids:
        return 0
    Notification.objects.bulk_create(
        Notification(recipient_id=i, actor_id=actor_id, verb=verb, text=text[:300], url=url)
        for i in sorted(ids)
    )
    # One line: a title with a line break would be a header injection, which Django refuses
    # with an error, after the commit, failing the request that had already saved.
    subject = " ".join((email_subject or text).split())
    body = email_body or f"{text}\n\n{_absolute(url)}\n"
    transaction.on_commit(lambda: _send_emails(ids, subject, body))
    return len(ids)


def _absolute(url):
    return settings.NS_SITE_URL.rstrip("/") + url


def _send_emails(user_ids, subject, body):
    users = (
        get_user_model()
        .objects.filter(pk__in=user_ids, is_active=True)
        .exclude(email="")
        .exclude(profile__email_notifications=False)
        .only("email")
    )
    prefix = settings.ACCOUNT_EMAIL_SUBJECT_PREFIX
    messages = [(prefix + subject, body, None, [u.email]) for u in users]
    if not messages:
        return
    try:
        send_mass_mail(messages, fail_silently=False)
    except OSError:
        # A mail server outage must not break the request that caused the notification.
        logger.exception("Could not send %d notification emails", len(messages))
