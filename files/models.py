"""Uploads and their versions. An upload is what people see and link to (``/files/42/``); each
new file uploaded to it is a new ``UploadVersion`` and the old ones are kept.

Bytes live in ``STORAGES["files"]`` (a folder under VAR_DIR, or an S3-compatible bucket), under
names we choose (never the uploader's); rows hold the storage name, the checked type and size.
"""

import unicodedata

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.core.files.storage import storages
from django.db import models
from django.urls import reverse

from . import app_settings

NAME_MAX_LENGTH = 150
SOURCE_PATH_MAX_LENGTH = 500
DESCRIPTION_MAX_LENGTH = 500


def file_storage():
    """The storage uploads live in, looked up at call time so tests can swap it."""
    return storages[app_settings.get("FILES_STORAGE")]


class UploadQuerySet(models.QuerySet):
    def live(self):
        """Uploads not in the recycle bin."""
        return self.filter(deleted_at__isnull=True)

    def with_current(self):
        return self.select_related("current_version", "uploaded_by")


class Upload(models.Model):
    name = models.CharField(max_length=NAME_MAX_LENGTH, help_text="File name shown and in URLs.")
    description = models.CharField(
        max_length=DESCRIPTION_MAX_LENGTH, blank=True,
        help_text="What the file shows; an image's alt text.",
    )
    is_image = models.BooleanField(default=False)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
        related_name="uploads",
    )
    created_at = models.DateTimeField(db_index=True)
    current_version = models.ForeignKey(
        "UploadVersion", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    # Where an imported file lived in the wiki it came from ("img/Logo Final.png" in a Wiki.js
    # export): pages written there reference it by that path, and export writes it back there.
    # Empty for files uploaded here. ``source_key`` is the same path as lookups compare it.
    source_path = models.CharField(max_length=SOURCE_PATH_MAX_LENGTH, blank=True)
    source_key = models.CharField(max_length=SOURCE_PATH_MAX_LENGTH, blank=True, db_index=True)
    # Soft delete: a deleted upload sits in the recycle bin until a Moderator restores it.
    deleted_at = models.DateTimeField(null=True, blank=True, db_index=True)
    deleted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    objects = UploadQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["source_path"], condition=~models.Q(source_path=""),
                name="files_upload_source_path_unique",
            ),
        ]

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        self.source_key = source_key(self.source_path)
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("files:detail", args=[self.pk])

    @property
    def is_deleted(self):
        return self.deleted_at is not None

    def file_url(self):
        """The original, current version: what markdown references."""
        return reverse("files:raw", args=[self.pk, self.name])

    def thumbnail_url(self, width):
        return reverse("files:thumbnail", args=[self.pk, width, self.name])

    def markdown(self):
        """The markdown that shows this image (or links this file) in a page or post."""
        if self.is_image:
            return f"![{escape_markdown(self.description)}]({self.file_url()})"
        return f"[{escape_markdown(self.name)}]({self.file_url()})"

    def open(self):
        """The current version's bytes, opened for reading from the storage."""
        return self.current_version.open()


class UploadVersion(models.Model):
    """One file uploaded to an upload. Never modified once written, except its thumbnail list."""

    upload = models.ForeignKey(Upload, on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveIntegerField()
    storage_name = models.CharField(max_length=255, unique=True)
    content_type = models.CharField(max_length=100)
    size = models.PositiveBigIntegerField()
    sha256 = models.CharField(max_length=64, db_index=True)
    width = models.PositiveIntegerField(null=True, blank=True)
    height = models.PositiveIntegerField(null=True, blank=True)
    # Widths of the thumbnails written for this version; each is "<storage_name stem>-w<width>".
    thumbnail_widths = models.JSONField(default=list, blank=True)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
        related_name="+",
    )
    comment = models.CharField(max_length=300, blank=True)
    created_at = models.DateTimeField(db_index=True)
    # An imported file keeps the bytes it came with (a migration is byte for byte) beside the
    # re-encoded ones served to browsers: the original's storage name (empty when the stored
    # bytes are the original) and its digest (what a re-import compares).
    original_storage_name = models.CharField(max_length=255, blank=True)
    original_sha256 = models.CharField(max_length=64, blank=True)

    class Meta:
        ordering = ["upload", "-number"]
        constraints = [
            models.UniqueConstraint(fields=["upload", "number"], name="files_version_unique"),
        ]

    def __str__(self):
        return f"{self.upload_id} v{self.number}"

    def get_absolute_url(self):
        return reverse("files:version", args=[self.upload_id, self.number, self.upload.name])

    def thumbnail_name(self, width):
        stem, dot, ext = self.storage_name.rpartition(".")
        return f"{stem}-w{width}.{ext}"

    def open(self):
        return file_storage().open(self.storage_name, "rb")

    def open_original(self):
        """The bytes as they came in: an import's original, else the stored bytes."""
        return file_storage().open(self.original_storage_name or self.storage_name, "rb")

    @property
    def original_digest(self):
        return self.original_sha256 or self.sha256


class Cover(models.Model):
    """The cover image of something that registered itself as coverable (examples, categories)."""

    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE)
    object_id = models.PositiveBigIntegerField()
    target = GenericForeignKey("content_type", "object_id")
    upload = models.ForeignKey(Upload, on_delete=models.CASCADE, related_name="covers")
    set_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
        related_name="+",
    )
    set_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["content_type", "object_id"], name="files_cover_unique"
            ),
        ]

    def __str__(self):
        return f"cover of {self.content_type_id}:{self.object_id}"


def source_key(path):
    """A source path as lookups compare it: case and Unicode normal form ignored."""
    return unicodedata.normalize("NFC", path or "").casefold()


_MARKDOWN_SPECIAL = str.maketrans({"[": r"\[", "]": r"\]", "\\": "\\\\", "\n": " ", "\r": " "})


def escape_markdown(text):
    """Text safe inside ``[...]`` of a markdown link or image."""
    return (text or "").translate(_MARKDOWN_SPECIAL)
