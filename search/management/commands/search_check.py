"""Report drift between the database and the search index, and repair it with --repair."""

from django.core.management.base import BaseCommand, CommandError

from search.maintenance import check
from search.models import IndexUpdate


class Command(BaseCommand):
    help = "Compare the search index with the database; --repair makes the index match."

    def add_arguments(self, parser):
        parser.add_argument("--repair", action="store_true", help="Fix what differs.")

    def handle(self, *args, repair, verbosity, **options):
        parked = list(IndexUpdate.objects.filter(parked=True).order_by("id"))
        if parked:
            self.stdout.write(f"parked: {len(parked)} (failed every attempt; fix the cause, "
                              "then retry them in the admin)")
            for row in parked:
                error = row.error.splitlines()[-1] if row.error else ""
                self.stdout.write(f"  {row.model}:{row.object_id}: {error}")
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
