"""The digests' periodic job on the task queue. Queue it hourly from cron (README):
``manage.py enqueue_task activity.tasks.send_digests``; running it twice sends nothing twice
(each digest moves its period on under a row lock)."""

from django_tasks import task

from network_societies.background import retrying

from . import digests


@task
def send_digests():
    """Queue one task per person whose digest is due."""
    ids = list(digests.due().values_list("pk", flat=True))
    for pk in ids:
        send_digest.enqueue(pk)
    return len(ids)


@retrying(attempts=5, backoff=60.0, on=(OSError,))
def send_digest(subscription_id):
    return digests.send_one(subscription_id)
