"""The search app's background work: applying the outbox to the index.

Web processes never write the index: a save queues its outbox rows and this task, and a worker
(``manage.py db_worker``) applies them, so a save never waits for the index lock and, with Whoosh,
one worker process is the index's only writer.
"""

from django_tasks import task

from network_societies.background import deferred

from .models import IndexUpdate

LOCKED_RETRY_SECONDS = 2.0


@task
def apply_index_updates():
    """Apply every ready outbox row. If the index stayed locked (another worker is writing),
    look again shortly; that writer may have read its rows before ours were committed."""
    from .outbox import drain

    applied = drain()
    # Only on a queue that can wait: the immediate backend would loop while the lock is held.
    if apply_index_updates.get_backend().supports_defer and IndexUpdate.objects.ready().exists():
        deferred(apply_index_updates, LOCKED_RETRY_SECONDS).enqueue()
    return applied
