"""``manage.py import_examples FILE``: preview a spreadsheet of examples (CSV, XLSX or ODS) row by
row, then apply it after confirmation (``--yes`` to apply without asking, ``--dry-run`` to only
preview). The same checks and history as the web import: one import, one group of changes."""

from pathlib import Path

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from taxonomy import spreadsheets


class Command(BaseCommand):
    help = "Import examples from a CSV, XLSX or ODS file, after a preview."

    def add_arguments(self, parser):
        parser.add_argument("file", help="The spreadsheet (first row: column names).")
        parser.add_argument("--yes", action="store_true", help="Apply without asking.")
        parser.add_argument("--dry-run", action="store_true", help="Preview only.")
        parser.add_argument("--user", help="Username to record the changes under.")

    def handle(self, *args, **options):
        path = Path(options["file"])
        if not path.is_file():
            raise CommandError(f"No file at {path}.")
        user = None
        if options["user"]:
            user = get_user_model().objects.filter(username=options["user"]).first()
            if user is None:
                raise CommandError(f"No user “{options['user']}”.")
        try:
            example_import = spreadsheets.preview(path.read_bytes(), path.name, user)
        except spreadsheets.ImportFileError as error:
            raise CommandError(str(error)) from error
        self._show(example_import)
        if example_import.errors:
            spreadsheets.discard(example_import)
            raise CommandError(f"{len(example_import.errors)} row(s) have errors; nothing was "
                               "imported. Fix them and run again.")
        counts = example_import.counts()
        if not counts["create"] and not counts["change"]:
            spreadsheets.discard(example_import)
            self.stdout.write("Nothing to change.")
            return
        if options["dry_run"]:
            spreadsheets.discard(example_import)
            self.stdout.write("Dry run: nothing was imported.")
            return
        if not options["yes"]:
            answer = input("Apply this import? [y/N] ").strip().lower()
            if answer not in ("y", "yes"):
                spreadsheets.discard(example_import)
                self.stdout.write("Nothing was imported.")
                return
        try:
            counts = spreadsheets.apply(example_import, user)
        except spreadsheets.ImportRefused as refusal:
            raise CommandError(f"Nothing was imported: {refusal}") from refusal
        self.stdout.write(self.style.SUCCESS(
            f"Import #{example_import.pk} applied: {counts['create']} created, "
            f"{counts['change']} changed, {counts['unchanged']} unchanged."
        ))

    def _show(self, example_import):
        for row in example_import.rows:
            if row["action"] == "unchanged":
                continue
            what = "create" if row["action"] == "create" else "change"
            fields = ", ".join(row["changes"]) if row["changes"] else ""
            self.stdout.write(f"  row {row['row']}: {what} {row['slug']}"
                              + (f" ({fields})" if fields else ""))
        for error in example_import.errors:
            self.stdout.write(self.style.ERROR(f"  row {error['row']}: {error['reason']}"))
        counts = example_import.counts()
        self.stdout.write(f"{counts['create']} to create, {counts['change']} to change, "
                          f"{counts['unchanged']} unchanged, {len(example_import.errors)} "
                          "with errors.")
