"""Email goes out from the task queue and survives a mail server that refuses: a real SMTP server
(aiosmtpd) on a spare local port refuses the first message, and the retry delivers it."""

import logging
from datetime import timedelta

import pytest
from aiosmtpd.controller import Controller
from django.core.management import call_command
from django.test import override_settings
from django.utils import timezone

from notifications.service import notify
from tests.conftest import spare_port

DATABASE_QUEUE = {"default": {"BACKEND": "django_tasks_db.backend.DatabaseBackend"}}


class RefusesOnce:
    """An SMTP server's handler: answers the first message with a temporary failure (451)."""

    def __init__(self):
        self.refused = 0
        self.delivered = []

    async def handle_DATA(self, server, session, envelope):  # noqa: N802 - aiosmtpd's hook name
        if not self.refused:
            self.refused += 1
            return "451 4.3.0 Try again later"
        self.delivered.append((envelope.rcpt_tos, envelope.content.decode()))
        return "250 OK"


@pytest.fixture
def smtp_server():
    handler = RefusesOnce()
    port = spare_port()
    controller = Controller(handler, hostname="127.0.0.1", port=port)
    controller.start()
    with override_settings(
        EMAIL_BACKEND="django.core.mail.backends.smtp.EmailBackend",
        EMAIL_HOST="127.0.0.1", EMAIL_PORT=port, EMAIL_USE_TLS=False, EMAIL_TIMEOUT=5,
    ):
        yield handler
    controller.stop()


@pytest.mark.django_db
def test_a_refused_email_is_retried_and_delivered(
        smtp_server, user, other_user, django_capture_on_commit_callbacks, caplog):
    with caplog.at_level(logging.WARNING), django_capture_on_commit_callbacks(execute=True):
        notify([other_user], actor=user, verb="replied", text="alice replied", url="/forum/t/1/")
    assert smtp_server.refused == 1
    [(recipients, content)] = smtp_server.delivered
    assert recipients == ["bob@example.org"]
    assert "alice replied" in content
    assert "retrying in" in caplog.text  # the refusal is logged, not swallowed


@pytest.mark.django_db(transaction=True)
@override_settings(TASKS=DATABASE_QUEUE)
def test_on_the_database_queue_the_retry_waits_with_backoff(smtp_server, user, other_user):
    from django_tasks_db.models import DBTaskResult

    notify([other_user], actor=user, verb="replied", text="alice replied", url="/forum/t/1/")
    assert smtp_server.delivered == []  # nothing is sent inside the request
    call_command("db_worker", "--batch", "--no-startup-delay", "--no-reload", verbosity=0)
    assert smtp_server.refused == 1 and smtp_server.delivered == []
    [retry] = DBTaskResult.objects.filter(status="READY")
    assert retry.args_kwargs["kwargs"] == {"attempt": 2}
    # The first retry waits about a minute, not a busy loop.
    assert timedelta(seconds=50) < retry.run_after - timezone.now() < timedelta(seconds=70)
    DBTaskResult.objects.filter(pk=retry.pk).update(run_after=timezone.now())  # a minute on
    call_command("db_worker", "--batch", "--no-startup-delay", "--no-reload", verbosity=0)
    [(recipients, _)] = smtp_server.delivered
    assert recipients == ["bob@example.org"]
    assert not DBTaskResult.objects.filter(status="READY").exists()
