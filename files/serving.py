"""Serving stored bytes with headers that keep them inert in a browser.

Every response says ``nosniff`` (the declared type is the type), carries a sandboxing
Content-Security-Policy (a file opened on its own runs no script and reaches nothing), and is
readable only by this site's own pages (``Cross-Origin-Resource-Policy``). Anything but an image
is a download (``Content-Disposition: attachment``). Bytes are streamed from the storage, local
or S3, so the headers are ours whatever holds the file.
"""

from django.http import FileResponse, Http404, HttpResponseNotModified
from django.utils.http import quote_etag

from .models import file_storage

# Shown in the browser; anything else (SVG, audio and video imported from a wiki, documents) is
# served as a download, so it never runs as a page of its own.
INLINE_TYPES = frozenset({"image/jpeg", "image/png", "image/gif", "image/webp"})
SANDBOX_CSP = "default-src 'none'; img-src 'self' data:; style-src 'unsafe-inline'; sandbox"
IMMUTABLE = "public, max-age=31536000, immutable"
# The current version's URL answers with a new file after an upload; caches check back soon.
REVALIDATE = "public, max-age=300, must-revalidate"


def serve(request, version, *, filename, storage_name=None, immutable=False, etag_suffix=""):
    etag = quote_etag(f"{version.sha256[:32]}{etag_suffix}")
    if etag in _if_none_match(request):
        response = HttpResponseNotModified()
    else:
        try:
            handle = file_storage().open(storage_name or version.storage_name, "rb")
        except (FileNotFoundError, OSError) as error:
            raise Http404("The stored file is missing.") from error
        # Images are shown inline (with their name for "Save image as"); the rest downloads.
        response = FileResponse(
            handle, content_type=version.content_type,
            as_attachment=version.content_type not in INLINE_TYPES, filename=filename,
        )
    response["ETag"] = etag
    response["Cache-Control"] = IMMUTABLE if immutable else REVALIDATE
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = SANDBOX_CSP
    response["Cross-Origin-Resource-Policy"] = "same-origin"
    return response


def _if_none_match(request):
    header = request.headers.get("If-None-Match", "")
    return {tag.strip() for tag in header.split(",") if tag.strip()}

