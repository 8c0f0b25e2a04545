"""Report drift between the database and the search index, and repair it with --repair."""

from django.core.management.base import BaseCommand, CommandError

from search.maintenance import check


class Command(BaseCommand):
    help = "Compare the search index with the database; --repair makes the index match."

    def add_arguments(self, parser):
        parser.add_argument("--repair", action="store_true", help="Fix what differs.")

    def handle(self, *args, repair, verbosity, **options):
        drift = check(repair=repair)
        for label, keys in (("missing", drift.missing), ("stale", drift.stale),
                            ("extra", drift.extra)):
            self.stdout.write(f"{label}: {len(keys)}")
            if verbosity > 1:
                for key in keys:
                    self.stdout.write(f"  {key}")
        if not drift:
            self.stdout.write("The search index matches the database.")
        elif repair:
            self.stdout.write("Repaired.")
        else:
            raise CommandError("The search index differs from the database; run with --repair.")
