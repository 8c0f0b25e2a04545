"""``manage.py export_wikijs DIR``: write every page as a Wiki.js storage file, DIR/<path>.md
(or ``.html`` for an HTML page).

The files are what ``import_wikijs`` reads, so export then import into an empty database gives
back every page exactly: path, title, description, published, tags, dates, editor and body. When
the site has pages in more than one language, the layout is Wiki.js's namespaced one: every page
under its locale folder (``en/about.md``, ``ja/about.md``). Pages in the recycle bin are left out.

Files imported with the pages (Wiki.js assets) are written back at the paths they came from,
with their original bytes (``files.sources.write_originals``), so export then import then export
gives every page and asset back byte for byte. Files uploaded here that pages show are written at
the path of their URL (``files/42/photo.jpg``), where the pages' links find them after an import.
"""

from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from files.references import uploads_in
from files.sources import write_originals
from wiki.models import Page
from wiki.wikijs import WikiJsPage, file_name, serialise


def wikijs_page(page):
    """The ``WikiJsPage`` for a Page and its current revision."""
    revision = page.current_revision
    return WikiJsPage(
        path=page.path, title=page.title, body=revision.markdown, description=page.description,
        published=page.published, tags=revision.tag_list(), updated_at=page.updated_at,
        created_at=page.created_at, editor=page.editor,
    )


def export_pages(folder, shown=None):
    """Write every live page under ``folder``; returns how many were written. ``shown`` (a
    set) collects the uploads the pages show by their URLs here (``/files/42/...``)."""
    folder = Path(folder)
    pages = (
        Page.objects.live().filter(current_revision__isnull=False)
        .select_related("current_revision").order_by("path")
    )
    default = settings.WIKI_DEFAULT_LOCALE
    namespaced = pages.exclude(locale=default).exists()
    written = 0
    for page in pages.iterator(chunk_size=200):
        path = f"{default}/{page.path}" if namespaced and page.locale == default else page.path
        target = folder.joinpath(*file_name(path, page.editor).split("/"))
        target.parent.mkdir(parents=True, exist_ok=True)
        # Bytes, so no newline translation ever touches the body.
        target.write_bytes(serialise(wikijs_page(page)).encode("utf-8"))
        if shown is not None:
            shown.update(uploads_in(page.current_revision.markdown))
        written += 1
    return written


class Command(BaseCommand):
    help = "Export every page to DIR/<path>.md in Wiki.js's storage format."

    def add_arguments(self, parser):
        parser.add_argument("folder", help="where to write the .md files (created if missing)")

    def handle(self, *args, folder, **options):
        try:
            shown = set()
            written = export_pages(folder, shown)
            assets = write_originals(folder, also=shown)
        except OSError as error:
            raise CommandError(f"Cannot write to {folder}: {error.strerror}") from None
        self.stdout.write(f"Exported {written} pages and {assets} assets to {folder}.")
