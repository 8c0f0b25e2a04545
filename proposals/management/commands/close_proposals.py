"""Close every proposal whose vote has ended and send the day-before reminders; run it from
cron (or the task queue) every few minutes. Closing is also done by the first request to a
proposals page after a deadline; running both is safe, each proposal closes once."""

from django.core.management.base import BaseCommand

from proposals.services import sweep


class Command(BaseCommand):
    help = "Close due proposals (applying accepted ones) and send reminders before the close."

    def handle(self, *args, **options):
        acted = sweep()
        self.stdout.write("Closed or reminded due proposals." if acted else "Nothing was due.")
