"""The files app's settings, each with its default, read at call time (tests override them).

Set any of them in settings.py (``FILES_MAX_BYTES = ...``) to change it.
"""

from django.conf import settings

DEFAULTS = {
    # Limits per person. People at the "new" trust level (trust.levels) get "new_account".
    # max_bytes: one file; per_hour: uploads (versions included) in the last hour;
    # total_bytes: everything the person has uploaded and not had deleted.
    "FILES_LIMITS": {
        "default": {"max_bytes": 10 * 1024 * 1024, "per_hour": 30, "total_bytes": 500 * 1024**2},
        "new_account": {"max_bytes": 2 * 1024 * 1024, "per_hour": 5, "total_bytes": 20 * 1024**2},
    },
    # An image with more pixels than this is refused before it is decoded (decompression bombs).
    "FILES_MAX_IMAGE_PIXELS": 40_000_000,
    # The largest file an import (a Wiki.js asset) may bring in; imports have no per-person limits.
    "FILES_IMPORT_MAX_BYTES": 100 * 1024 * 1024,
    # Thumbnail widths written once at upload (only those smaller than the image).
    "FILES_THUMBNAIL_WIDTHS": (320, 640, 1280),
    # The storage alias in STORAGES that holds uploads.
    "FILES_STORAGE": "files",
    # Files per page in the file list.
    "FILES_PER_PAGE": 24,
}


def get(name):
    return getattr(settings, name, DEFAULTS[name])


def limits_for(new_account):
    return get("FILES_LIMITS")["new_account" if new_account else "default"]
