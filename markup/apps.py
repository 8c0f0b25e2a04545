"""The markup app: the one Markdown pipeline, sanitiser, editor widget and preview endpoint.

Wiki pages, taxonomy descriptions and forum posts all render through it, so it belongs to none of
them; they import ``markup`` and nothing here imports them.
"""

from django.apps import AppConfig
from django.db.models.signals import post_migrate


class MarkupConfig(AppConfig):
    name = "markup"
    verbose_name = "Markup"

    def ready(self):
        from . import checks  # noqa: F401  (registers the system checks)
        from .tasks import queue_rerender

        # After every deploy's migrate, stored HTML from an older renderer is re-rendered by a
        # task worker (markup/tasks.py).
        post_migrate.connect(queue_rerender, sender=self, dispatch_uid="markup.queue_rerender")
