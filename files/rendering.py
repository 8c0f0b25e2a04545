"""How the markup pipeline completes ``<img>`` tags that show uploads (see markup/images.py)."""

import re
from urllib.parse import unquote, urlsplit

from markup.images import ImageInfo

from .models import Upload

# The URL pages use for an upload's current original: /files/<id>/<name>.
_CURRENT = re.compile(r"/files/(\d{1,12})/[^/]+\Z")


def describe_images(srcs):
    """{src: ImageInfo} for the sources that are live image uploads: one query for them all."""
    wanted = {}
    for src in srcs:
        match = _CURRENT.match(unquote(urlsplit(src).path))
        if match:
            wanted.setdefault(int(match.group(1)), []).append(src)
    if not wanted:
        return {}
    uploads = (
        Upload.objects.live().filter(pk__in=wanted, is_image=True)
        .select_related("current_version")
    )
    infos = {}
    for upload in uploads:
        version = upload.current_version
        if version is None or not version.width:
            continue
        info = image_info(upload, version)
        for src in wanted[upload.pk]:
            infos[src] = info
    return infos


def image_info(upload, version):
    original = upload.file_url()
    srcset = [(upload.thumbnail_url(w), w) for w in version.thumbnail_widths]
    srcset.append((original, version.width))
    # The default source is the largest thumbnail (enough for the text column), else the original.
    src = srcset[-2][0] if len(srcset) > 1 else original
    return ImageInfo(
        src=src, original=original, width=version.width, height=version.height,
        srcset=tuple(srcset), alt=upload.description,
    )
