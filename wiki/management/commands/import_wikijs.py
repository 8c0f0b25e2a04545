"""``manage.py import_wikijs PATH...``: load pages from files in Wiki.js's storage format.

Each ``.md`` or ``.html`` file becomes a page at the path of the file (relative to the folder
given, minus the extension): capitals kept, a locale folder (``ja/``) kept as the page's locale
segment, the default locale's folder (``en/``) dropped. A bad file is reported with its reason
and the rest still import; a file whose content is already the page's current revision writes
nothing, so importing the same folder twice is harmless. A page people saved here since its last
import is merged with the file, as a stale edit is, never overwritten; where both changed the same
lines it is left as it is and reported (wiki/imports.py, ``import_base``). Wiki.js's dates are
kept; the revisions have no author ("imported"). The images and files the pages reference come in
with them, original bytes kept (wiki/wikijs_assets.py), before each chunk's pages are rendered.

Pages are saved in transactions of ``CHUNK`` pages: the chunk's new pages are created and its
changed pages given a new revision, rendered together on every core (wiki/bulk_render.py) and
stored rendered, a few queries for the whole chunk (wiki/bulk_import.py); pages whose content has
not changed are found in one query and left alone. What the bulk writes do not cover (a page in
the recycle bin, a path spelt in another case, a chunk the database refuses) is saved one by one,
as an edit, which says what is wrong. The workers render a chunk's pages while the chunk before
is saved. Every write queues its search outbox rows; once a chunk is committed the index takes
its rows in bulk (``drain``; a worker running beside the import may take them
first), never one page at a time.
"""

import errno
import os
import stat
import sys
from dataclasses import dataclass, field
from pathlib import Path

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.db import DatabaseError, transaction
from tqdm import tqdm

from search.outbox import drain
from wiki.bulk_import import create_pages, new_paths, unchanged_paths, update_pages
from wiki.bulk_render import BulkRenderer
from wiki.editing import checked_page, store_rendered
from wiki.imports import check_lengths, import_page, page_fields
from wiki.models import markup_for_editor, path_key
from wiki.wikijs import EXTENSIONS, WikiJsError, read_file
from wiki.wikijs_assets import AssetImport
from wiki.wikijs_git import GitHistoryError, replay

CHUNK = 200


@dataclass
class Found:
    """What a walk of the given paths found: page files (with their root) and refused files."""

    files: list = field(default_factory=list)
    refused: list = field(default_factory=list)  # (path, reason)


def collect_files(paths):
    """Every ``.md``/``.html`` file named or found under a named folder, sorted, plus the ones
    that cannot be read (FIFOs, devices, links that loop or lead nowhere) with their reason.

    Folders are walked without following symbolic links to folders (a loop would never end);
    hidden folders (``.git``) are skipped."""
    found = Found()
    for given in map(Path, paths):
        if given.is_dir():
            for folder, dirs, names in os.walk(given, followlinks=False):
                dirs[:] = sorted(d for d in dirs if not d.startswith("."))
                for name in sorted(names):
                    if Path(name).suffix.lower() in EXTENSIONS:
                        _add(found, Path(folder) / name, given)
        elif given.exists() or given.is_symlink():
            _add(found, given, given.parent)
        else:
            raise CommandError(f"{given}: no such file or folder")
    found.files.sort()
    return found


def _add(found, file, root):
    reason = _unreadable(file)
    if reason:
        found.refused.append((file, reason))
    else:
        found.files.append((file, root))


def _unreadable(file):
    """Why ``file`` cannot be read as a page, found without opening it; None if it can."""
    try:
        info = file.stat()
    except OSError as error:
        if error.errno == errno.ELOOP:
            return "a symbolic link loop: the link never reaches a file"
        if file.is_symlink():
            return "a symbolic link to nothing"
        return f"cannot read the file ({error.strerror})"
    if not stat.S_ISREG(info.st_mode):
        return "not a regular file (a FIFO, device or socket), so it was not read"
    return None


class Command(BaseCommand):
    help = "Import pages from Wiki.js storage files (.md/.html with metadata), files or folders."

    def add_arguments(self, parser):
        parser.add_argument("paths", nargs="*", help="Wiki.js page files or folders of them")
        parser.add_argument(
            "--git", metavar="DIR",
            help="replay the history of a Wiki.js git-storage repository instead: a revision "
                 "per commit, with its author, date and message; renames become moves",
        )

    def handle(self, *args, paths, git=None, **options):
        if git:
            return self._replay(git)
        if not paths:
            raise CommandError("Name the files or folders to import, or --git DIR.")
        found = collect_files(paths)
        counts = {"created": 0, "updated": 0, "unchanged": 0, "failed": 0}
        html_pages = 0
        refused = list(found.refused)
        seen = {}
        # Assets are looked for in the folders named (never the folder around a file named).
        assets = AssetImport(path for path in paths if Path(path).is_dir())
        progress = tqdm(total=len(found.files), unit="file", file=sys.stderr, disable=None)
        indexed = 0
        with BulkRenderer(len(found.files)) as renderer:
            ahead = None
            for start in range(0, len(found.files), CHUNK):
                parsed = self._read_chunk(found.files[start : start + CHUNK], seen, refused)
                progress.update(len(found.files[start : start + CHUNK]))
                # Committed before the pages' transaction, so rendering workers see them.
                assets.bring_in(page for _, page in parsed)
                html_pages += sum(page.is_html for _, page in parsed)
                # The workers render this chunk's pages while the one before is saved.
                chunk = (parsed, *self._render_ahead(parsed, renderer))
                if ahead:
                    indexed += self._save_chunk(*ahead, counts, refused, renderer)
                ahead = chunk
            if ahead:
                indexed += self._save_chunk(*ahead, counts, refused, renderer)
        progress.close()
        assets.finish()
        if indexed:
            self.stdout.write(f"Search index updated: {indexed} entries.")
        counts["failed"] = len(refused)
        for file, reason in refused:
            self.stderr.write(f"{file}: {reason}")
        for line in assets.problems():
            self.stderr.write(line)
        total = len(found.files) + len(found.refused)
        summary = ", ".join(f"{n} {what}" for what, n in counts.items())
        self.stdout.write(f"{total} files: {summary}.")
        self.stdout.write(f"HTML pages among them: {html_pages}.")
        self.stdout.write(assets.summary())
        if refused:
            raise CommandError(f"{len(refused)} of {total} files could not be imported.")

    def _render_ahead(self, parsed, renderer):
        """Send the chunk's new and changed pages to the render workers now: (a RenderBatch, the
        paths of the pages that already hold their file's content)."""
        fresh = new_paths([page.path for _, page in parsed])
        same = unchanged_paths([page_fields(page) for _, page in parsed if page.path not in fresh])
        return renderer.submit([
            (page.body, markup_for_editor(page.editor), page.path)
            for _, page in parsed if page.path not in same
        ]), same

    def _save_chunk(self, parsed, batch, same, counts, refused, renderer):
        """Save the chunk in one transaction, then let the search index take it in bulk (while
        the workers render the next chunk); returns how many index entries were updated."""
        with transaction.atomic():
            self._create_new(parsed, counts, batch)
            self._leave_unchanged(parsed, same, counts)
            self._update_changed(parsed, counts, batch)
            written = []
            for file, page in parsed:
                if page is None:
                    continue
                try:
                    outcome, revision = import_page(page, render=False)
                    counts[outcome] += 1
                    written += [revision] if revision else []
                except (WikiJsError, ValidationError, DatabaseError) as error:
                    refused.append((file, _reason(error)))
            store_rendered(written, renderer.render(written))
        # The outbox rows the chunk queued (a worker running beside the import may take them
        # first; then this finds none).
        return drain()

    def _read_chunk(self, files, seen, refused):
        """[(file, WikiJsPage)] of the chunk's readable, valid files; the rest go to refused."""
        parsed = []
        for file, root in files:
            try:
                page = read_file(file, root)
                key = path_key(page.path)
                if key in seen:
                    raise WikiJsError(f"{seen[key]} has the same page path (paths ignore case)")
                seen[key] = file
                check_lengths(page)
                checked_page(page.path, page.title, page.body, page.tags)
                parsed.append((file, page))
            except (WikiJsError, ValidationError) as error:
                refused.append((file, _reason(error)))
        return parsed

    def _create_new(self, parsed, counts, batch):
        """Create the chunk's pages that do not exist yet in bulk, rendered; marks them done."""
        fresh = new_paths([page.path for _, page in parsed])
        indexes = [i for i, (_, page) in enumerate(parsed) if page.path in fresh]
        if not indexes:
            return
        revisions = create_pages([page_fields(parsed[i][1]) for i in indexes],
                                 render=batch.render)
        for i in indexes:
            parsed[i] = (parsed[i][0], None)
        counts["created"] += len(revisions)

    def _leave_unchanged(self, parsed, same, counts):
        """Count the chunk's pages that already hold their file's content (found ahead, one
        query), and mark them done: a re-import of an unchanged wiki writes nothing."""
        for i, (file, page) in enumerate(parsed):
            if page is not None and page.path in same:
                parsed[i] = (file, None)
                counts["unchanged"] += 1

    def _update_changed(self, parsed, counts, batch):
        """Give the chunk's changed pages their new revision in bulk, rendered; marks them done.
        If the database refuses the bulk write, nothing of it stays and the pages are saved one
        by one, so the file it refuses is named."""
        indexes = [i for i, (_, page) in enumerate(parsed) if page is not None]
        if not indexes:
            return
        try:  # update_pages is atomic: refused, it leaves nothing behind
            revisions, _ = update_pages([page_fields(parsed[i][1]) for i in indexes],
                                        render=batch.render)
        except DatabaseError:
            return
        done = {revision.page.path for revision in revisions}
        for i in indexes:
            if parsed[i][1].path in done:
                parsed[i] = (parsed[i][0], None)
        counts["updated"] += len(revisions)

    def _replay(self, folder):
        assets = AssetImport([folder])
        # The files the checked-out pages reference, first, so every revision renders with them.
        assets.bring_in(_readable_pages(collect_files([folder]).files))
        try:
            result = replay(folder)
        except GitHistoryError as error:
            raise CommandError(f"{folder}: {error}") from None
        assets.finish()
        for where, reason in result.refused:
            self.stderr.write(f"{where}: {reason}")
        for line in assets.problems():
            self.stderr.write(line)
        self.stdout.write(assets.summary())
        self.stdout.write(
            f"History replayed: {result.revisions} revisions, {result.moves} moves, "
            f"{result.deletions} deletions, {len(result.refused)} refused."
        )
        if result.refused:
            raise CommandError(f"{len(result.refused)} changes could not be imported.")


def _readable_pages(files):
    for file, root in files:
        try:
            yield read_file(file, root)
        except WikiJsError:
            continue  # the replay reports it, from the history


def _reason(error):
    if isinstance(error, ValidationError):
        return " ".join(error.messages)
    return str(error)
