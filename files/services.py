"""Writes to uploads: ingest a file, add a version, delete and restore, set a cover.

The site's views, the admin and the Wiki.js importer all call these. Bytes are checked
(``inspection.inspect``) before anything is written; the storage is written before the rows,
and cleaned up again if the transaction fails, so a refused or failed upload stores nothing.
"""

import hashlib
import logging
import re
import unicodedata
import uuid
from datetime import timedelta

from django.contrib.contenttypes.models import ContentType
from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models import Sum
from django.utils import timezone

from accounts.roles import is_moderator

from . import app_settings
from .inspection import UploadRefused, inspect, inspect_import
from .models import (
    DESCRIPTION_MAX_LENGTH,
    NAME_MAX_LENGTH,
    Cover,
    Upload,
    UploadVersion,
    file_storage,
)
from .usage import refresh_uses

__all__ = ["UploadRefused", "ingest", "import_original", "add_version", "delete", "restore",
           "set_cover"]

logger = logging.getLogger(__name__)
_UNSAFE_NAME = re.compile(r"[^\w.-]+")


def ingest(fileobj, *, name, user, description="", check_limits=True, dedupe=False):
    """Store ``fileobj`` as a new upload by ``user`` (None for imports) and return it.

    Raises ``UploadRefused`` with a message for the person when the file is refused (type,
    size, limits...); nothing is stored then. ``check_limits=False`` is for imports run by an
    operator. ``dedupe=True`` returns a live upload whose current bytes are identical instead.
    """
    data = _read(fileobj, user, check_limits)
    inspected = inspect(data, name)
    if dedupe:
        existing = _existing_with(inspected.data)
        if existing is not None:
            return existing
    now = timezone.now()
    with _stored(inspected) as (storage_name, digest), transaction.atomic():
        upload = Upload.objects.create(
            name=_safe_name(name, inspected.extension),
            description=_clean_description(description),
            is_image=inspected.is_image, uploaded_by=user, created_at=now,
        )
        version = _create_version(upload, 1, inspected, storage_name, digest, user, now)
        upload.current_version = version
        upload.save(update_fields=["current_version"])
    return upload


def add_version(upload, fileobj, *, user, comment="", check_limits=True):
    """Make ``fileobj`` the upload's current version; older versions are kept."""
    data = _read(fileobj, user, check_limits)
    inspected = inspect(data, upload.name)
    if inspected.is_image != upload.is_image:
        kind = "an image" if upload.is_image else "a file that is not an image"
        raise UploadRefused(f"A new version must be {kind}, like the first one.", code="kind")
    now = timezone.now()
    with _stored(inspected) as (storage_name, digest), transaction.atomic():
        locked = Upload.objects.select_for_update().get(pk=upload.pk)
        last = locked.versions.order_by("-number").values_list("number", flat=True).first()
        version = _create_version(
            locked, (last or 0) + 1, inspected, storage_name, digest, user, now, comment
        )
        locked.current_version = version
        if _extension(locked.name) != inspected.extension:
            locked.name = _safe_name(locked.name, inspected.extension)
        locked.save(update_fields=["current_version", "name"])
        # Texts showing it stored the old size and thumbnails: render them again.
        transaction.on_commit(lambda: refresh_uses(locked), robust=True)
    upload.refresh_from_db()
    return version


def import_original(data, *, source_path, description=""):
    """Store ``data``, a file imported from another wiki where it lived at ``source_path``
    ("img/Logo Final.png"), keeping its original bytes. Returns ``(upload, outcome)``, the
    outcome "created", "updated" (a new version: the bytes changed) or "unchanged" (nothing
    written).

    The same checks as an upload decide what the file is (``inspect_import``: also SVG drawings,
    audio and video, as downloads); images are re-encoded for showing, and the original bytes
    are stored beside them, for ``open_original()`` and the export. Raises ``UploadRefused``
    with the reason; nothing is stored then. No per-person limits: an operator runs imports.
    """
    if len(data) > app_settings.get("FILES_IMPORT_MAX_BYTES"):
        raise too_big(app_settings.get("FILES_IMPORT_MAX_BYTES"))
    digest = hashlib.sha256(data).hexdigest()
    existing = Upload.objects.filter(source_path=source_path).select_related(
        "current_version").first()
    if existing and existing.current_version and existing.current_version.original_digest == digest:
        return existing, "unchanged"
    name = source_path.rsplit("/", 1)[-1]
    inspected = inspect_import(data, name)
    original = {"original_sha256": digest}
    now = timezone.now()
    stored = _stored(inspected, data)
    with stored as (storage_name, stored_digest), transaction.atomic():
        original["original_storage_name"] = stored.original_name
        if existing is None:
            upload = Upload.objects.create(
                name=_safe_name(name, inspected.extension), source_path=source_path,
                description=_clean_description(description), is_image=inspected.is_image,
                created_at=now,
            )
            number = 1
        else:
            upload = Upload.objects.select_for_update().get(pk=existing.pk)
            number = (upload.versions.order_by("-number").values_list("number", flat=True)
                      .first() or 0) + 1
            upload.name = _safe_name(name, inspected.extension)
            upload.is_image = inspected.is_image
        version = _create_version(upload, number, inspected, storage_name, stored_digest, None,
                                  now, "Imported" if number == 1 else "Imported again, changed",
                                  **original)
        upload.current_version = version
        upload.save()
        if existing is not None:
            transaction.on_commit(lambda: refresh_uses(upload), robust=True)
    return upload, "created" if existing is None else "updated"


def update_description(upload, description):
    upload.description = _clean_description(description)
    upload.save(update_fields=["description"])


def delete(upload, *, user):
    """Move the upload to the recycle bin (Moderators); its bytes stay until it is purged."""
    Upload.objects.filter(pk=upload.pk, deleted_at__isnull=True).update(
        deleted_at=timezone.now(), deleted_by=user
    )
    upload.refresh_from_db()


def restore(upload):
    Upload.objects.filter(pk=upload.pk).update(deleted_at=None, deleted_by=None)
    upload.refresh_from_db()


def set_cover(target, upload, *, user):
    """Make ``upload`` (an image) the cover of ``target``; ``upload=None`` removes the cover."""
    content_type = ContentType.objects.get_for_model(target)
    if upload is None:
        Cover.objects.filter(content_type=content_type, object_id=target.pk).delete()
        return None
    if not upload.is_image:
        raise UploadRefused("A cover must be an image.", code="kind")
    cover, _ = Cover.objects.update_or_create(
        content_type=content_type, object_id=target.pk,
        defaults={"upload": upload, "set_by": user},
    )
    return cover


# --- limits -----------------------------------------------------------------------------------

def is_new_account(user):
    """People at the "new" trust level get the stricter limits (trust.levels)."""
    from trust import levels

    return levels.is_new(user)


def limits_for(user):
    """The limits dict (max_bytes, per_hour, total_bytes) that applies to ``user``."""
    if user is None:
        return app_settings.limits_for(False)
    return app_settings.limits_for(is_new_account(user))


def _read(fileobj, user, check_limits):
    limits = limits_for(user) if check_limits else None
    max_bytes = limits["max_bytes"] if limits else None
    if max_bytes is not None and getattr(fileobj, "size", None) and fileobj.size > max_bytes:
        raise too_big(max_bytes)
    if hasattr(fileobj, "seek"):
        fileobj.seek(0)
    data = fileobj.read(max_bytes + 1) if max_bytes is not None else fileobj.read()
    if max_bytes is not None and len(data) > max_bytes:
        raise too_big(max_bytes)
    if check_limits and user is not None and not is_moderator(user):
        _check_quota(user, len(data), limits)
    return data


def too_big(max_bytes):
    return UploadRefused(
        f"This file is too large: the limit is {_human(max_bytes)}. "
        "Scale the image down or compress the file.",
        code="too_big",
    )


def _check_quota(user, size, limits):
    mine = UploadVersion.objects.filter(uploaded_by=user)
    recent = mine.filter(created_at__gte=timezone.now() - timedelta(hours=1)).count()
    if recent >= limits["per_hour"]:
        raise UploadRefused(
            f"You have uploaded {recent} files in the last hour, the most allowed "
            f"for your account. Try again later.",
            code="rate",
        )
    used = mine.filter(upload__deleted_at__isnull=True).aggregate(total=Sum("size"))["total"] or 0
    if used + size > limits["total_bytes"]:
        raise UploadRefused(
            f"Your uploads would take more than your {_human(limits['total_bytes'])} of space "
            f"({_human(used)} used). Ask a Moderator to remove old files.",
            code="quota",
        )


def _human(size):
    for unit in ("bytes", "KB", "MB", "GB"):
        if size < 1024 or unit == "GB":
            return f"{size:,.0f} {unit}" if unit == "bytes" else f"{size:,.1f} {unit}".replace(
                ".0 ", " ")
        size /= 1024
    return str(size)


# --- storage ----------------------------------------------------------------------------------

class _stored:
    """Write the bytes and thumbnails to the storage; remove them again if the block fails.
    ``original`` (imports) is also written when it differs from the bytes served."""

    def __init__(self, inspected, original=None):
        self.inspected = inspected
        self.original = original if original != inspected.data else None
        self.original_name = ""
        self.names = []

    def __enter__(self):
        storage = file_storage()
        now = timezone.now()
        base = f"uploads/{now:%Y/%m}/{uuid.uuid4().hex}"
        name = storage.save(f"{base}.{self.inspected.extension}", ContentFile(self.inspected.data))
        self.names.append(name)
        stem = name.rpartition(".")[0]
        for width, data in self.inspected.thumbnails.items():
            self.names.append(
                storage.save(f"{stem}-w{width}.{self.inspected.extension}", ContentFile(data))
            )
        if self.original is not None:
            # The name says nothing of the file's own name or type; it is never served inline.
            self.original_name = storage.save(f"{stem}-original.bin", ContentFile(self.original))
            self.names.append(self.original_name)
        return name, hashlib.sha256(self.inspected.data).hexdigest()

    def __exit__(self, exc_type, exc, tb):
        if exc_type is not None:
            storage = file_storage()
            for name in self.names:
                try:
                    storage.delete(name)
                except Exception:  # the original error matters more; log this one
                    logger.exception("could not remove %s after a failed upload", name)
        return False


def _create_version(upload, number, inspected, storage_name, digest, user, now, comment="",
                    **original):
    return UploadVersion.objects.create(
        upload=upload, number=number, storage_name=storage_name,
        content_type=inspected.content_type, size=len(inspected.data), sha256=digest,
        width=inspected.width, height=inspected.height,
        thumbnail_widths=sorted(inspected.thumbnails), uploaded_by=user, created_at=now,
        comment=comment[:300], **original,
    )


def _existing_with(data):
    digest = hashlib.sha256(data).hexdigest()
    return (
        Upload.objects.live().with_current().filter(current_version__sha256=digest)
        .order_by("pk").first()
    )


def _extension(name):
    return name.rpartition(".")[2].lower() if "." in name else ""


def _safe_name(name, extension):
    """A file name for URLs and display: no path, no odd characters, the right extension."""
    base = unicodedata.normalize("NFKC", str(name or "")).replace("\\", "/").rsplit("/", 1)[-1]
    stem = base.rpartition(".")[0] if "." in base else base
    stem = _UNSAFE_NAME.sub("-", stem).strip(".-_")[: NAME_MAX_LENGTH - 10] or "file"
    return f"{stem}.{extension}"


def _clean_description(text):
    return " ".join(str(text or "").split())[:DESCRIPTION_MAX_LENGTH]
