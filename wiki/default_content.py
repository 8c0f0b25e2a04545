"""The wiki's default content: the founding page, loaded through the Wiki.js importer.

The files in ``wiki/content/`` are the project's own copies (the site never needs anything
outside its tree). Loading is idempotent, and a page that people have edited since it was
imported is left exactly as they made it.
"""

from pathlib import Path

from wiki.imports import import_page
from wiki.models import Page
from wiki.wikijs import read_file

CONTENT = Path(__file__).resolve().parent / "content"


def load(stdout):
    for file in sorted(CONTENT.rglob("*.md")):
        parsed = read_file(file, CONTENT)
        page = Page.objects.select_related("current_revision").filter(path=parsed.path).first()
        if page and page.is_deleted:
            stdout.write(f"Wiki: /{parsed.path} is in the recycle bin; left there.")
            continue
        if page and page.current_revision and not page.current_revision.is_import:
            stdout.write(f"Wiki: /{parsed.path} has been edited on the site; left as it is.")
            continue
        outcome, _ = import_page(parsed)
        stdout.write(f"Wiki: /{parsed.path} {outcome}.")
