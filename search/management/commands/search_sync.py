"""Apply index updates left in the outbox (index was locked, or a process died)."""

from django.core.management.base import BaseCommand, CommandError

from search.models import IndexUpdate
from search.outbox import drain


class Command(BaseCommand):
    help = "Apply queued search index updates (run from cron, or after a crash)."

    def handle(self, *args, **options):
        applied = drain()
        left = IndexUpdate.objects.count()
        self.stdout.write(f"Applied {applied} queued index updates; {left} left.")
        if left:
            raise CommandError("The search index stayed locked by another process; run again.")
