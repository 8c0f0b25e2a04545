"""Load every app's default content, idempotently (see network_societies/default_content.py)."""

from django.core.management.base import BaseCommand

from network_societies import default_content


class Command(BaseCommand):
    help = "Create the site's default content (founding page, taxonomy, ...) where it is missing."

    def handle(self, *args, **options):
        default_content.load_all(stdout=self.stdout)
        self.stdout.write(self.style.SUCCESS("Default content is in place."))
