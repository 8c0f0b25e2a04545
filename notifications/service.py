"""``notify()``: the one way any app tells people that something happened.

Rows are written in the caller's transaction; email is queued only when it commits, so a rolled
back edit never mails anyone, and sent by the task queue (notifications.tasks), retried until the
mail server takes it. People switch email off on their settings page.
"""

from django.conf import settings

from network_societies import personalcache
from network_societies.background import enqueue_on_commit

from .models import Notification
from .tasks import send_notification_emails


def notify(recipients, *, actor, verb, text, url, email_subject=None, email_body=None):
    """Notify each of ``recipients`` (users or ids) once, never the actor themself.

    ``url`` is site-relative; emails get it made absolute from the request-free ``NS_SITE_URL``.
    Returns the number of notifications written.
    """
    return notify_many([(recipients, {"verb": verb, "text": text, "url": url,
                                      "email_subject": email_subject, "email_body": email_body})],
                       actor=actor)


def notify_many(notices, *, actor):
    """``notify()`` for many events by one actor at once (an import editing watched pages):
    ``notices`` are (recipients, notify()'s keyword arguments) pairs. One INSERT for all their
    rows; the emails as notify() sends them, one task per event. Returns the rows written."""
    actor_id = getattr(actor, "pk", actor)
    rows, emails = [], []
    for recipients, notice in notices:
        ids = sorted({getattr(r, "pk", r) for r in recipients} - {actor_id, None})
        if not ids:
            continue
        verb, text, url = notice["verb"], notice["text"], notice["url"]
        rows += [Notification(recipient_id=i, actor_id=actor_id, verb=verb, text=text[:300],
                              url=url) for i in ids]
        # One line: a title with a line break would be a header injection, which Django refuses
        # with an error, after the commit, failing the request that had already saved.
        subject = " ".join((notice.get("email_subject") or text).split())
        body = notice.get("email_body") or f"{text}\n\n{_absolute(url)}\n"
        emails.append((ids, subject, body))
    if rows:
        Notification.objects.bulk_create(rows)
        # Their header's count (bulk_create sends no signals).
        personalcache.changed(*(row.recipient_id for row in rows))
    for ids, subject, body in emails:
        enqueue_on_commit(send_notification_emails, ids, subject, body)
    return len(rows)


def _absolute(url):
    return settings.NS_SITE_URL.rstrip("/") + url


def notify_grouped(recipient, *, actor, verb, text, url):
    """Tell one person, folding this into their unread notification with the same ``verb`` and
    ``url`` when there is one (its text replaced, moved to the top), so many small events
    (reactions to one post) make one line, not a column. Only the first of a group is emailed.
    Returns the notification, or None when the recipient is the actor."""
    from django.utils import timezone

    recipient_id = getattr(recipient, "pk", recipient)
    actor_id = getattr(actor, "pk", actor)
    if recipient_id in (None, actor_id):
        return None
    unread = Notification.objects.select_for_update().filter(
        recipient_id=recipient_id, verb=verb, url=url, read_at__isnull=True,
    ).first()
    if unread is None:
        notify([recipient_id], actor=actor, verb=verb, text=text, url=url)
        return Notification.objects.filter(recipient_id=recipient_id, verb=verb, url=url).first()
    Notification.objects.filter(pk=unread.pk).update(
        actor_id=actor_id, text=text[:300], created_at=timezone.now(),
    )
    personalcache.changed(recipient_id)
    unread.refresh_from_db()
    return unread
