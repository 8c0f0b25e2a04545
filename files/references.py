"""Which uploads a text references: markdown and HTML point at them by ``/files/<id>/…`` URLs."""

import re

# /files/42/photo.jpg, /files/42/v3/photo.jpg, /files/42/w640/photo.jpg, /files/42/ (the page),
# relative to the site or absolute (https://host/files/42/...).
REFERENCE = re.compile(r"(?<![\w/])(?:https?://[^/\s)\"']+)?/files/(\d{1,12})/")


def uploads_in(text):
    """The ids of the uploads ``text`` references, in order of first appearance."""
    return list(dict.fromkeys(int(pk) for pk in REFERENCE.findall(text or "")))


def reference_fragment(upload_pk):
    """A substring every reference to the upload contains, for ``__contains`` lookups."""
    return f"/files/{int(upload_pk)}/"
