"""manage.py enqueue_task dotted.path.to.task [JSON argument …]: queue one run of a task, for a
cron line or systemd timer that runs periodic jobs (digests, closing proposals) on the queue."""

import json

from django.core.management.base import BaseCommand, CommandError
from django.utils.module_loading import import_string
from django_tasks.base import Task


class Command(BaseCommand):
    help = "Queue one run of a task (for periodic jobs run from cron or a systemd timer)."

    def add_arguments(self, parser):
        parser.add_argument(
            "task_path", help="Dotted path of the task, e.g. forum.tasks.send_digests"
        )
        parser.add_argument("values", nargs="*", help="Positional arguments, each a JSON value")

    def handle(self, *args, task_path, values, **options):
        task = task_path
        try:
            found = import_string(task)
        except ImportError as error:
            raise CommandError(f"No task at {task}: {error}") from error
        if not isinstance(found, Task):
            raise CommandError(f"{task} is not a task (decorate it with django_tasks.task).")
        try:
            values = [json.loads(value) for value in values]
        except json.JSONDecodeError as error:
            raise CommandError(f"Arguments must be JSON values: {error}") from error
        result = found.enqueue(*values)
        self.stdout.write(f"Queued {task} as {result.id}")
