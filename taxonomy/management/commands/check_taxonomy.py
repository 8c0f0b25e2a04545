"""Verify the taxonomy tree and repair it: mptt's lft/rght/level, stored paths, kinds.

manage.py check_taxonomy           # report problems; exit status 1 if any
manage.py check_taxonomy --repair  # rebuild mptt fields and paths under the tree lock
"""

from django.core.management.base import BaseCommand, CommandError

from taxonomy.integrity import find_problems, repair


class Command(BaseCommand):
    help = "Check the taxonomy tree (mptt fields, paths, kinds) and optionally repair it."

    def add_arguments(self, parser):
        parser.add_argument("--repair", action="store_true", help="Rebuild what is wrong.")

    def handle(self, *args, **options):
        problems = find_problems()
        if not problems:
            self.stdout.write(self.style.SUCCESS("The taxonomy tree is valid."))
            return
        for problem in problems:
            self.stdout.write(f"- {problem}")
        if not options["repair"]:
            raise CommandError(f"{len(problems)} problem(s) found; run with --repair to fix them.")
        repair()
        remaining = find_problems()
        if remaining:
            raise CommandError(f"{len(remaining)} problem(s) remain after repair: {remaining[:5]}")
        self.stdout.write(self.style.SUCCESS(f"Repaired {len(problems)} problem(s)."))
