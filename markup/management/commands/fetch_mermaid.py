"""``manage.py fetch_mermaid``: put the pinned mermaid into the site's static files (see
markup/vendor.py). Safe to run again: an existing copy is kept unless ``--force``."""

from django.core.management.base import BaseCommand, CommandError

from markup.vendor import MERMAID_VERSION, VendorError, fetch_mermaid, mermaid_present


class Command(BaseCommand):
    help = f"Fetch mermaid {MERMAID_VERSION} (npm registry, integrity-checked) for diagrams."

    def add_arguments(self, parser):
        parser.add_argument("--force", action="store_true", help="fetch even if present")

    def handle(self, *args, force=False, **options):
        if mermaid_present() and not force:
            self.stdout.write(f"mermaid {MERMAID_VERSION} is already in place.")
            return
        try:
            target = fetch_mermaid()
        except VendorError as error:
            raise CommandError(f"Could not fetch mermaid: {error}") from None
        self.stdout.write(f"mermaid {MERMAID_VERSION} is in {target}.")
