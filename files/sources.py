"""Imported files at the paths they had in the wiki they came from (``Upload.source_path``).

Pages imported from Wiki.js keep their text exactly as written, so they reference assets as
``/img/logo.png``, ``../img/logo.png`` or ``/uploads/report.pdf``. The markup pipeline resolves
such references at render time (``markup.references``) and asks this module which of the paths
it computed are imported files: ``resolve_source_paths`` is registered in ``FilesConfig.ready()``.
The exporter writes each file's original bytes back at its source path (``write_originals``),
and the files uploaded here that pages show at the path of their URL.
"""

from pathlib import Path

from django.db.models import Q

from .models import Upload, source_key


def resolve_source_paths(paths):
    """{path: URL of the file} for those of ``paths`` (site-relative, no leading slash) that are
    live imported files: one query for them all. An exact match wins over one differing in case."""
    keys = {source_key(path): path for path in paths}
    if not keys:
        return {}
    uploads = Upload.objects.live().filter(source_key__in=keys, current_version__isnull=False)
    by_key = {}
    for upload in uploads.only("pk", "name", "source_path", "source_key"):
        best = by_key.get(upload.source_key)
        if best is None or upload.source_path in paths:
            by_key[upload.source_key] = upload
    found = {}
    for path in paths:
        upload = by_key.get(source_key(path))
        if upload is not None:
            found[path] = upload.file_url()
    return found


def safe_relative(path):
    """``path`` if it is a plain relative path (no ``..``, not absolute, no empty part), else
    None: an export never writes outside its folder, whatever a row says."""
    parts = path.split("/")
    if any(part in ("", ".", "..") for part in parts) or "\\" in path or "\x00" in path:
        return None
    return path


def export_path(upload):
    """Where an export writes the upload: the path it was imported from, else the path of its
    URL here (``files/42/photo.jpg``), which is where a Wiki.js serving the export has it too,
    and where the pages' ``/files/42/photo.jpg`` finds it after an import elsewhere."""
    return upload.source_path or f"files/{upload.pk}/{upload.name}"


def write_originals(folder, *, also=()):
    """Write every live imported file's original bytes to ``folder``/<source path>, as it came
    in (or its newest version, when one was uploaded here since), and the uploads ``also``
    names (pks: those the exported pages show) at theirs. Returns how many were written."""
    folder = Path(folder)
    written = 0
    # An upload here whose URL path an imported file holds (it came from another site's
    # /files/42/...) is not what the pages show there: the imported file is.
    shadowed = {
        path.split("/")[1] for path in Upload.objects.live()
        .filter(source_path__startswith="files/").values_list("source_path", flat=True)
    }
    also = [pk for pk in also if str(pk) not in shadowed]
    uploads = (
        Upload.objects.live().filter(current_version__isnull=False)
        .filter(~Q(source_path="") | Q(pk__in=also))
        .select_related("current_version").order_by("source_path", "pk")
    )
    for upload in uploads.iterator(chunk_size=200):
        relative = safe_relative(export_path(upload))
        if relative is None:
            continue
        target = folder.joinpath(*relative.split("/"))
        target.parent.mkdir(parents=True, exist_ok=True)
        with upload.current_version.open_original() as source:
            target.write_bytes(source.read())
        written += 1
    return written
