"""Bringing a Wiki.js wiki's assets in with its pages: the images and files the pages reference.

Wiki.js's storage (a disk dump or its git repository) keeps each asset at its folder path beside
the pages (``img/logo.png``, ``uploads/Report 2024.pdf``, sometimes next to a page). Pages point
at them by site path (``/img/logo.png``, ``/en/img/logo.png``), relative to the page
(``../img/logo.png``), %-encoded, with ``?v=2`` or an ``=600x`` size, in markdown or in HTML.
For each chunk of pages, before they are saved, ``AssetImport.bring_in`` finds the files their
texts reference (``markup.references.asset_candidates``, the same rule the renderer resolves
them by) and stores each once through ``files.services.import_original``: original bytes kept,
unchanged files writing nothing, changed ones becoming a new version. The page text stays as
written; the renderer shows the stored file (markup/references.py).

Only referenced files come in (a storage folder also holds READMEs and the like); the summary
says how many others were left, every refused file with its reason, and every reference to a
file the export does not have (the page still imports).
"""

import html
import os
import re
import stat
from collections import Counter
from pathlib import Path
from urllib.parse import unquote, urlsplit

from files.models import source_key
from files.services import UploadRefused, import_original
from files.sources import safe_relative
from markup.references import asset_candidates

from .wikijs import EXTENSIONS

# The URL of [text](url "title"), ![alt](url =600x), ![alt](<path with spaces.png>), found from
# "](" so a text of a million "[" costs nothing; images and their alt text are found apart.
_MARKDOWN_URL = re.compile(r"\]\(\s*(?:<([^>\n]{1,2000})>|([^\s)]{1,2000}))")
_MARKDOWN_IMAGE = re.compile(r"!\[([^\[\]\n]{0,300})\]\(\s*(?:<([^>\n]{1,2000})>|([^\s)]{1,2000}))")
# [ref]: url
_DEFINITION = re.compile(r"^ {0,3}\[[^\]\n]{1,1000}\]:[ \t]*<?([^\s>]{1,2000})>?", re.MULTILINE)
# src="..." href='...' poster=... in HTML (pages and HTML blocks in markdown)
_HTML_URL = re.compile(
    r"""\b(?:src|href|poster)\s*=\s*(?:"([^"]{1,2000})"|'([^']{1,2000})'|([^\s"'>]{1,2000}))""",
    re.IGNORECASE,
)
# Extensions that say a reference is to a file, for reporting the ones not found.
FILE_EXTENSIONS = frozenset({
    "png", "jpg", "jpeg", "gif", "webp", "svg", "bmp", "tif", "tiff", "ico", "heic", "avif",
    "pdf", "zip", "gz", "tgz", "7z", "rar", "doc", "docx", "xls", "xlsx", "ppt", "pptx", "odt",
    "ods", "odp", "epub", "txt", "csv", "tsv", "json", "mp4", "webm", "mov", "mp3", "ogg", "wav",
    "m4a", "drawio", "xml",
})


# Code shows references without making them: fenced blocks, `spans` and <pre> blocks.
_FENCE = re.compile(r"^\s*(`{3,}|~{3,})")
# A span ends at its matching backticks, never past a blank line (a stray ` is just a `).
_CODE_SPAN = re.compile(r"(?<!`)(`{1,10})(?!`)(?:(?!\n[ \t]*\n).){1,500}?(?<!`)\1(?!`)", re.DOTALL)
_PRE = re.compile(r"<pre\b.*?</pre\s*>", re.IGNORECASE | re.DOTALL)


def without_code(body):
    """``body`` with its code blocks and spans removed, so examples in them are not imported."""
    kept, fence = [], None
    for line in body.split("\n"):
        marker = _FENCE.match(line)
        if fence is None and marker:
            fence = marker.group(1)
        elif fence is not None:
            if marker and marker.group(1)[0] == fence[0] and len(marker.group(1)) >= len(fence):
                fence = None
        else:
            kept.append(line)
    return _PRE.sub("", _CODE_SPAN.sub("", "\n".join(kept)))


def references(body):
    """``[(url, alt text, is an image)]`` of every link, image and HTML source in a page's text
    (markdown or HTML), in order, outside code; alt text only from markdown images."""
    body = without_code(body)
    images = {}
    for alt, bracketed, plain in _MARKDOWN_IMAGE.findall(body):
        images.setdefault(bracketed or plain, alt.strip())
    found = []
    for bracketed, plain in _MARKDOWN_URL.findall(body):
        url = bracketed or plain
        found.append((url, images.get(url, ""), url in images))
    found += [(url, "", False) for url in _DEFINITION.findall(body)]
    for match in _HTML_URL.finditer(body):
        url = html.unescape(next(g for g in match.groups() if g))
        found.append((url, "", not match.group(0).lower().startswith("href")))
    return found


def _looks_like_file(url):
    name = unquote(urlsplit(url.strip()).path).rsplit("/", 1)[-1]
    stem, dot, extension = name.rpartition(".")
    return bool(stem and dot) and extension.lower() in FILE_EXTENSIONS


class AssetImport:
    """The assets of one import run. ``roots`` are the folders the page files were found in."""

    def __init__(self, roots):
        self.files = {}  # source path -> (file on disk, the folder it was found in)
        self.by_key = {}  # source key -> source path (the first, in sorted order)
        for root in dict.fromkeys(Path(r) for r in roots):
            self._index(root)
        self.done = {}  # source path -> Upload (None when refused)
        self.counts = Counter()  # created, updated, unchanged
        self.refused = []  # (file, reason)
        self.missing = {}  # (page path, reference) -> None: a set that keeps its order
        self.changed = {}  # Upload pk -> its URL fragment, for files created or updated now
        self.used_by = {}  # page path -> Upload pks it shows

    def _index(self, root):
        for folder, dirs, names in os.walk(root, followlinks=False):
            dirs[:] = sorted(d for d in dirs if not d.startswith("."))
            for name in sorted(names):
                if name.startswith(".") or Path(name).suffix.lower() in EXTENSIONS:
                    continue
                file = Path(folder) / name
                path = file.relative_to(root).as_posix()
                self.files.setdefault(path, (file, root))
                self.by_key.setdefault(source_key(path), path)

    def _find(self, candidates):
        for candidate in candidates:
            if candidate in self.files:
                return candidate
        for candidate in candidates:
            path = self.by_key.get(source_key(candidate))
            if path is not None:
                return path
        return None

    def bring_in(self, pages):
        """Store the files ``pages`` (WikiJsPage) reference and have not been stored this run."""
        for page in pages:
            if page is None:
                continue
            for url, alt, image in references(page.body):
                candidates = asset_candidates(url, page.path)
                if not candidates or not (image or "." in candidates[0]):
                    continue  # external, an anchor, or a page link
                path = self._find(candidates)
                if path is None:
                    if _looks_like_file(url):
                        self.missing[(page.path, url)] = None
                    continue
                upload = self._store(path, alt)
                if upload is not None:
                    self.used_by.setdefault(page.path, set()).add(upload.pk)

    def _store(self, path, alt):
        if path in self.done:
            return self.done[path]
        self.done[path] = None
        file, root = self.files[path]
        if safe_relative(path) is None:
            self.refused.append((file, "a name with a backslash cannot be written back safely"))
            return None
        try:
            upload, outcome = import_original(_read(file, root), source_path=path,
                                              description=alt)
        except UploadRefused as refused:
            self.refused.append((file, " ".join(refused.messages)))
            return None
        except OSError as error:
            self.refused.append((file, f"cannot read the file ({error.strerror})"))
            return None
        self.counts[outcome] += 1
        if outcome != "unchanged":
            self.changed[upload.pk] = f"/files/{upload.pk}/"
        self.done[path] = upload
        return upload

    def finish(self):
        """Pages that were already imported unchanged but show a file that is new or changed in
        this run are rendered again (by the markup task): their stored HTML predates it."""
        from markup.tasks import rerender_stale
        from network_societies.background import enqueue_on_commit

        from .models import Page, Revision

        showing = {path for path, pks in self.used_by.items() if pks & set(self.changed)}
        if not showing:
            return
        stale = [
            revision.pk for revision in Revision.objects.filter(
                pk__in=Page.objects.filter(path__in=showing).values("current_revision")
            ).only("pk", "html", "page__path").select_related("page")
            if any(self.changed[pk] not in revision.html for pk in self.used_by[revision.page.path]
                   if pk in self.changed)
        ]
        if stale:
            Revision.objects.filter(pk__in=stale).update(renderer_version=0)
            enqueue_on_commit(rerender_stale)

    def summary(self):
        """One line for the import's summary."""
        stored = sum(self.counts.values())
        parts = [f"{self.counts[what]} {what}" for what in ("created", "updated", "unchanged")]
        line = (f"Assets: {stored + len(self.refused)} referenced files: {', '.join(parts)}, "
                f"{len(self.refused)} refused")
        if self.missing:
            line += f"; {len(self.missing)} references to files the export does not have"
        left = len(self.files) - len(self.done)
        if left:
            line += f"; {left} files no page references were left out"
        return line + "."

    def problems(self):
        """Lines for each refused file and each missing one, for the error stream."""
        lines = [f"{file}: asset refused: {reason}" for file, reason in self.refused]
        lines += [f"/{page}: references {url}, which is not in the export (the page still "
                  "imports; the link stays as written)" for page, url in self.missing]
        return lines


def _read(file, root):
    """A regular file's bytes (never a FIFO or a device, never through a link out of the
    folder imported), at most the import size limit + 1."""
    from files import app_settings

    if not Path(os.path.realpath(file)).is_relative_to(os.path.realpath(root)):
        raise UploadRefused("A symbolic link out of the folder imported, so it was not read.")
    info = os.stat(file)
    if not stat.S_ISREG(info.st_mode):
        raise UploadRefused("Not a regular file (a FIFO, device or socket), so it was not read.")
    limit = app_settings.get("FILES_IMPORT_MAX_BYTES")
    descriptor = os.open(file, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    with os.fdopen(descriptor, "rb") as handle:
        return handle.read(limit + 1)
