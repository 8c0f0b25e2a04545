"""Email goes out from the task queue: a mail server that refuses or is down delays an email (it
is retried with backoff, see network_societies.background) and never fails the request or drops
the message. One task per message, so a retry never sends twice to anyone who already got it."""

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import EmailMultiAlternatives

from network_societies.background import retrying

from . import unsubscribe

# Attempts and the first retry's delay: 1, 2, 4, 8, 16 minutes… about a day in all at 10.
EMAIL_ATTEMPTS = 10
EMAIL_BACKOFF = 60.0


def queue_email(message):
    """Send ``message`` (an EmailMessage) from the queue. The database queue's row is written in
    the current transaction, so a rolled-back change sends nothing there too."""
    send_email.enqueue(email_data(message))


def email_data(message):
    """An EmailMessage as JSON values, for a task's arguments."""
    return {
        "subject": message.subject,
        "body": message.body,
        "from_email": message.from_email,
        "to": list(message.to),
        "cc": list(message.cc),
        "bcc": list(message.bcc),
        "reply_to": list(message.reply_to),
        "headers": dict(message.extra_headers),
        "alternatives": [list(part) for part in getattr(message, "alternatives", [])],
        "content_subtype": message.content_subtype,  # "html" for an HTML-only message
    }


@retrying(attempts=EMAIL_ATTEMPTS, backoff=EMAIL_BACKOFF, on=(OSError,))  # SMTPException too
def send_email(data):
    fields = dict(data)  # a retry is queued with ``data`` as it came
    alternatives = fields.pop("alternatives", [])
    subtype = fields.pop("content_subtype", "plain")
    message = EmailMultiAlternatives(**fields)
    message.content_subtype = subtype
    for content, mimetype in alternatives:
        message.attach_alternative(content, mimetype)
    message.send(fail_silently=False)


@retrying(attempts=EMAIL_ATTEMPTS, backoff=EMAIL_BACKOFF, on=(OSError,))
def send_notification_emails(user_ids, subject, body):
    """One email per person who still wants them, each its own task."""
    users = (
        get_user_model()
        .objects.filter(pk__in=user_ids, is_active=True)
        .exclude(email="")
        .exclude(profile__email_notifications=False)
        .only("email")
    )
    subject = settings.ACCOUNT_EMAIL_SUBJECT_PREFIX + subject
    for user in users:
        footer = ("\n-- \nStop these emails in one click: "
                  f"{unsubscribe.url(user, 'notifications')}\n")
        queue_email(EmailMultiAlternatives(subject, body + footer, None, [user.email],
                                           headers=unsubscribe.headers(user, "notifications")))
