"""The proposals' periodic job on the task queue: close due proposals and send the reminders.

Queue it from cron (README): ``manage.py enqueue_task proposals.tasks.close_due``. Running it
while a request or ``manage.py close_proposals`` closes the same proposal is safe: each closes
once.
"""

from django_tasks import task

from .services import sweep


@task
def close_due():
    return sweep()
