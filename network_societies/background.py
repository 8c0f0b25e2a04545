"""Background work on the task queue (django-tasks): the one module that knows how work is queued
after a commit and retried with backoff, so apps only declare their tasks.

    from network_societies.background import enqueue_on_commit, retrying

    @retrying(attempts=6, backoff=30, on=(OSError,))
    def send_email(message_id): ...          # a django-tasks Task, run by ``manage.py db_worker``

    enqueue_on_commit(send_email, message.pk) # queued only if the transaction commits

Arguments must be JSON values (ids, strings), never model instances: a task runs later, maybe on
another server, and reads the current state itself.

A retry is a new queued run of the same task with ``attempt`` one higher and ``run_after`` pushed
back (``backoff`` × 2^(attempt-1) seconds, with a little jitter so a mail server coming back is not
hit by every retry at once). After the last attempt the error is logged and the run is recorded as
failed in the queue's table (visible in the admin under "Tasks Database Backend"). A backend that
cannot defer (the immediate backend of development and tests) retries at once.

Periodic jobs (digests, closing proposals) are plain tasks too; something outside the site says
when: a cron line or systemd timer running ``manage.py enqueue_task dotted.path.to.task`` (README).
"""

import functools
import logging
import random
from datetime import timedelta

from django.db import transaction
from django.utils import timezone
from django.utils.module_loading import import_string
from django_tasks import task

logger = logging.getLogger(__name__)


def enqueue_on_commit(task_, *args, **kwargs):
    """Queue ``task_`` once the current transaction commits (at once outside a transaction).

    A rolled-back change queues nothing; ``robust`` keeps a failing enqueue from breaking the
    response of a request whose data is already committed (the error is logged)."""
    transaction.on_commit(lambda: task_.enqueue(*args, **kwargs), robust=True)


def deferred(task_, seconds):
    """``task_`` set to run ``seconds`` from now, where the backend can wait (else at once)."""
    if seconds <= 0 or not task_.get_backend().supports_defer:
        return task_
    return task_.using(run_after=timezone.now() + timedelta(seconds=seconds))


def backoff_delay(attempt, backoff):
    """Seconds before retry number ``attempt`` (1 = the first retry): exponential, ±10 %."""
    return backoff * 2 ** (attempt - 1) * random.uniform(0.9, 1.1)


def retrying(*, attempts=5, backoff=30.0, on=(Exception,)):
    """Make ``func`` a task that is queued again with backoff when it raises one of ``on``.

    The task takes one more keyword argument, ``attempt`` (1 for the first run); callers never
    pass it."""

    def decorate(func):
        @functools.wraps(func)
        def run(*args, attempt=1, **kwargs):
            try:
                return func(*args, **kwargs)
            except on as error:
                name = f"{func.__module__}.{func.__qualname__}"
                if attempt >= attempts:
                    logger.error("%s failed %d times, giving up: %r", name, attempt, error)
                    raise
                delay = backoff_delay(attempt, backoff)
                logger.warning(
                    "%s failed (attempt %d of %d), retrying in %.0f s: %r",
                    name, attempt, attempts, delay, error,
                )
                deferred(import_string(name), delay).enqueue(*args, attempt=attempt + 1, **kwargs)
                return None

        return task(run)

    return decorate
