"""Load every app's default content, idempotently.

Each app that ships content has a ``default_content`` module with ``load(stdout)``. Apps are
visited in INSTALLED_APPS order, so wiki pages exist before the taxonomy links them. A loader
creates what is missing and never overwrites what people have changed since.
"""

from importlib import import_module
from importlib.util import find_spec

from django.apps import apps
from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = "Create the site's default content (founding page, taxonomy, ...) where it is missing."

    def handle(self, *args, **options):
        for config in apps.get_app_configs():
            module_name = f"{config.name}.default_content"
            if find_spec(module_name) is None:
                continue
            import_module(module_name).load(stdout=self.stdout)
        self.stdout.write(self.style.SUCCESS("Default content is in place."))
