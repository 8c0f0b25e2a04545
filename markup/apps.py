"""The markup app: the one Markdown pipeline, sanitiser, editor widget and preview endpoint.

Wiki pages, taxonomy descriptions and forum posts all render through it, so it belongs to none of
them; they import ``markup`` and nothing here imports them.
"""

from django.apps import AppConfig


class MarkupConfig(AppConfig):
    name = "markup"
    verbose_name = "Markup"

    def ready(self):
        from . import checks  # noqa: F401  (registers the system checks)
