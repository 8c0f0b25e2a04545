"""``manage.py import_wikijs PATH...``: load pages from files in Wiki.js's storage format.

Each file becomes a page at the path of the file (relative to the folder given, minus ``.md`` and
an optional locale folder). A bad file is reported with its reason and the rest still import; a
file whose content is already the page's current revision writes nothing, so importing the same
folder twice is harmless. Wiki.js's dates are kept; the revisions have no author ("imported").
"""

import sys
from pathlib import Path

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.db import DatabaseError
from tqdm import tqdm

from wiki.imports import import_page
from wiki.wikijs import WikiJsError, read_file


def collect_files(paths):
    """(file, root) pairs for every ``.md`` file named or found under a named folder, sorted."""
    found = []
    for given in paths:
        given = Path(given)
        if given.is_dir():
            found += [(f, given) for f in sorted(given.rglob("*.md")) if f.is_file()]
        elif given.exists():
            found.append((given, given.parent))
        else:
            raise CommandError(f"{given}: no such file or folder")
    return found


class Command(BaseCommand):
    help = "Import pages from Wiki.js storage files (.md with front matter), files or folders."

    def add_arguments(self, parser):
        parser.add_argument("paths", nargs="+", help="Wiki.js .md files or folders of them")
        parser.add_argument(
            "--keep-locale-folder", action="store_true",
            help="treat a leading two-letter folder (en/, de/) as part of the page path",
        )

    def handle(self, *args, paths, keep_locale_folder=False, **options):
        files = collect_files(paths)
        counts = {"created": 0, "updated": 0, "unchanged": 0, "failed": 0}
        seen = {}
        # disable=None: a bar on a terminal, nothing in logs and tests.
        for file, root in tqdm(files, unit="file", file=sys.stderr, disable=None):
            try:
                parsed = read_file(file, root, drop_locale=not keep_locale_folder)
                if parsed.path in seen:
                    raise WikiJsError(f"{seen[parsed.path]} has the same page path")
                seen[parsed.path] = file
                counts[import_page(parsed)] += 1
            except (WikiJsError, ValidationError, DatabaseError) as error:
                counts["failed"] += 1
                with tqdm.external_write_mode(file=sys.stderr):
                    self.stderr.write(f"{file}: {_reason(error)}")
        summary = ", ".join(f"{n} {what}" for what, n in counts.items())
        self.stdout.write(f"{len(files)} files: {summary}.")
        if counts["failed"]:
            raise CommandError(f"{counts['failed']} of {len(files)} files could not be imported.")


def _reason(error):
    if isinstance(error, ValidationError):
        return " ".join(error.messages)
    return str(error)
