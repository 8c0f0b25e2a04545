"""Apply index updates left in the outbox (index was locked, or a process died)."""

from django.core.management.base import BaseCommand, CommandError

from search.models import IndexUpdate
from search.outbox import drain


class Command(BaseCommand):
    help = "Apply queued search index updates (run from cron, or after a crash)."

    def handle(self, *args, **options):
        applied = drain()
        left = IndexUpdate.objects.ready().count()
        waiting = IndexUpdate.objects.exclude(pk__in=IndexUpdate.objects.ready()).count()
        self.stdout.write(f"Applied {applied} queued index updates; {left} left.")
        if waiting:
            self.stdout.write(f"{waiting} failed and wait for a retry or are parked "
                              "(see search_check).")
        if left:
            raise CommandError("The search index stayed locked by another process; run again.")
