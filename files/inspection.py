"""Deciding what a file is from its bytes, and making images safe to serve.

Nothing here trusts a file's name or the browser's Content-Type. Images are decoded by Pillow and
written again from their pixels, which drops EXIF (GPS included), comments and text chunks, and
anything appended to or hidden in the original: a PNG that is also an HTML page comes out a PNG.
Files that contain HTML or script anywhere are refused outright, before any of that.
"""

import io
import re
import warnings
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from PIL import Image, ImageOps, UnidentifiedImageError

from . import app_settings

# Markup a browser would act on, if it ever sniffed the file as HTML or SVG. Long enough that
# compressed image data does not match by chance (a 10 MB photo: about 1 in 10,000).
_MARKUP = re.compile(
    rb"<(?:script|html|body|head>|iframe|svg|object|embed|!doctype|\?php|frameset)",
    re.IGNORECASE,
)
IMAGE_FORMATS = {
    # Pillow format: (content type, extension)
    "JPEG": ("image/jpeg", "jpg"),
    "PNG": ("image/png", "png"),
    "GIF": ("image/gif", "gif"),
    "WEBP": ("image/webp", "webp"),
}
# Attachments: served as downloads only. ZIP-based formats keep their own extension.
ZIP_EXTENSIONS = {"zip", "docx", "xlsx", "pptx", "odt", "ods", "odp", "epub"}
TEXT_EXTENSIONS = {"txt", "md", "csv", "tsv", "json"}
ALLOWED_SUMMARY = "images (JPEG, PNG, GIF, WebP), PDF, ZIP and office documents, and plain text"


class UploadRefused(ValidationError):
    """A file we will not store, with a message for the person who sent it."""


@dataclass
class Inspected:
    """A file that passed: the bytes to store and what they are."""

    data: bytes
    content_type: str
    extension: str
    is_image: bool = False
    width: int | None = None
    height: int | None = None
    # Thumbnails as {width: bytes}, smaller than the image, in its format.
    thumbnails: dict = field(default_factory=dict)


def inspect(data, name):
    """Return ``Inspected`` for ``data`` or raise ``UploadRefused`` saying why not."""
    if not data:
        raise UploadRefused("This file is empty (0 bytes).", code="empty")
    head = data[:16]
    if _MARKUP.search(data):
        kind = "an SVG image" if re.search(rb"<svg", data[:4096], re.I) else "HTML or script"
        raise UploadRefused(
            f"This file contains {kind}, which could run in a visitor's browser, so it is not "
            "accepted (whatever its name says). Export images as PNG or JPEG.",
            code="markup",
        )
    if head.startswith((b"\x89PNG\r\n\x1a\n", b"\xff\xd8\xff", b"GIF87a", b"GIF89a")) or (
        head[:4] == b"RIFF" and head[8:12] == b"WEBP"
    ):
        return _inspect_image(data)
    if head[4:8] == b"ftyp" and head[8:12] in {b"heic", b"heix", b"mif1", b"msf1", b"avif"}:
        raise UploadRefused(
            "HEIC and AVIF photos are not accepted yet. Export the photo as JPEG (on an iPhone: "
            "Settings › Camera › Formats › Most Compatible), then upload it again.",
            code="type",
        )
    if head.startswith(b"%PDF-"):
        return Inspected(data, "application/pdf", "pdf")
    if head.startswith(b"PK\x03\x04"):
        extension = _extension(name)
        return Inspected(
            data, "application/zip", extension if extension in ZIP_EXTENSIONS else "zip"
        )
    if _is_text(data):
        if data.lstrip(b"\xef\xbb\xbf \t\r\n")[:1] == b"<":
            raise UploadRefused(
                "This file is HTML or XML, which is not accepted (whatever its name says).",
                code="markup",
            )
        extension = _extension(name)
        return Inspected(
            data, "text/plain; charset=utf-8", extension if extension in TEXT_EXTENSIONS else "txt"
        )
    raise UploadRefused(
        f"This kind of file is not accepted. You can upload {ALLOWED_SUMMARY}.", code="type"
    )


def _extension(name):
    return name.rpartition(".")[2].lower() if "." in name else ""


def _is_text(data):
    if b"\x00" in data:
        return False
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True


def _inspect_image(data):
    max_pixels = app_settings.get("FILES_MAX_IMAGE_PIXELS")
    with warnings.catch_warnings():
        # Pillow warns (and past twice its own limit, raises) on huge images; both are refusals.
        warnings.simplefilter("error", Image.DecompressionBombWarning)
        try:
            image = Image.open(io.BytesIO(data))
            pixels = image.width * image.height * getattr(image, "n_frames", 1)
            if pixels > max_pixels:
                raise Image.DecompressionBombError(pixels)
            image.load()
        except (Image.DecompressionBombError, Image.DecompressionBombWarning) as error:
            raise UploadRefused(
                f"This image is too large to process: at most {max_pixels:,} pixels. "
                "Scale it down and upload it again.",
                code="too_many_pixels",
            ) from error
        except (UnidentifiedImageError, OSError, SyntaxError, ValueError, EOFError) as error:
            raise UploadRefused(
                "This image cannot be read: the file is damaged or not really an image.",
                code="unreadable",
            ) from error
    if image.format not in IMAGE_FORMATS:
        raise UploadRefused(f"Images are accepted as {', '.join(IMAGE_FORMATS)}.", code="type")
    content_type, extension = IMAGE_FORMATS[image.format]
    try:
        clean, encoded = _reencode(image)
    except (OSError, ValueError) as error:
        raise UploadRefused("This image cannot be processed.", code="unreadable") from error
    if _MARKUP.search(encoded):  # belt and braces: the output is pixels and nothing else
        raise UploadRefused("This image cannot be stored safely.", code="markup")
    thumbnails = {} if image.format == "GIF" else _thumbnails(clean, image.format)
    return Inspected(
        encoded, content_type, extension, is_image=True, width=clean.width, height=clean.height,
        thumbnails=thumbnails,
    )


def _reencode(image):
    """``(image, bytes)``: the pixels written again with no metadata but the colour profile."""
    fmt = image.format
    icc = image.info.get("icc_profile")
    out = io.BytesIO()
    if fmt == "GIF":
        frames = getattr(image, "n_frames", 1)
        image.info = {k: v for k, v in image.info.items() if k in {"duration", "loop",
                                                                     "transparency"}}
        image.save(out, "GIF", save_all=frames > 1, comment=b"")
        return image, out.getvalue()
    # Turn the pixels as the camera said (EXIF orientation), since the EXIF goes.
    clean = ImageOps.exif_transpose(image)
    transparency = clean.info.get("transparency")
    clean.info = {}
    if fmt == "JPEG":
        if clean.mode not in {"RGB", "L", "CMYK"}:
            clean = clean.convert("RGB")
        clean.save(out, "JPEG", quality=88, icc_profile=icc)
    elif fmt == "PNG":
        options = {"transparency": transparency} if transparency is not None else {}
        clean.save(out, "PNG", icc_profile=icc, **options)
    else:  # WEBP
        clean.save(out, "WEBP", quality=85, icc_profile=icc)
    return clean, out.getvalue()


def _thumbnails(image, fmt):
    thumbnails = {}
    for width in sorted(app_settings.get("FILES_THUMBNAIL_WIDTHS")):
        if width >= image.width:
            break
        height = max(1, round(image.height * width / image.width))
        thumb = image.resize((width, height), Image.Resampling.LANCZOS)
        if fmt == "JPEG" and thumb.mode not in {"RGB", "L", "CMYK"}:
            thumb = thumb.convert("RGB")
        out = io.BytesIO()
        thumb.save(out, fmt, **({"quality": 82} if fmt in {"JPEG", "WEBP"} else {}))
        thumbnails[width] = out.getvalue()
    return thumbnails


# --- imports ----------------------------------------------------------------------------------

# What makes an SVG active: script, event handlers, javascript: URLs, embedded HTML, entities
# (which can expand without bound). An SVG with none of them is only a drawing.
_ACTIVE_SVG = re.compile(
    rb"<script|\son[a-z]+\s*=|javascript:|<foreignobject|<!entity|<iframe|<embed|<object"
    rb"|<html|<body|<\?php|<\?xml-stylesheet|<handler|<listener",
    re.IGNORECASE,
)
_SVG_START = re.compile(rb"\A(?:\xef\xbb\xbf)?\s*(?:<\?xml[^>]*>\s*)?(?:<!--.*?-->\s*)*"
                        rb"(?:<!doctype svg[^>\[]*>\s*)?(?:<!--.*?-->\s*)*<svg[\s>]",
                        re.IGNORECASE | re.DOTALL)
# Audio and video a migrated page may play (<video src>), told apart by their first bytes.
_MEDIA = (
    (lambda h: h[4:8] == b"ftyp" and h[8:12] in {b"isom", b"iso2", b"mp41", b"mp42", b"avc1",
                                                   b"M4V ", b"dash"}, "video/mp4", "mp4"),
    (lambda h: h[4:8] == b"ftyp" and h[8:12] == b"M4A ", "audio/mp4", "m4a"),
    (lambda h: h.startswith(b"\x1aE\xdf\xa3"), "video/webm", "webm"),
    (lambda h: h.startswith(b"OggS"), "audio/ogg", "ogg"),
    (lambda h: h.startswith(b"ID3") or h[:2] in {b"\xff\xfb", b"\xff\xf3", b"\xff\xf2"},
     "audio/mpeg", "mp3"),
    (lambda h: h[:4] == b"RIFF" and h[8:12] == b"WAVE", "audio/wav", "wav"),
)


def inspect_import(data, name):
    """``inspect`` for a file an operator imports (a Wiki.js asset), which must not be lost:
    what uploads accept is accepted the same way (images re-encoded for showing; the caller
    keeps the original bytes too), and besides it, served only as downloads: an SVG drawing with
    nothing active in it, audio and video. HTML, script, an SVG with script and anything else
    are refused with the reason, as for uploads."""
    try:
        return inspect(data, name)
    except UploadRefused as refused:
        if refused.code == "markup" and _SVG_START.match(data[:4096]):
            if _ACTIVE_SVG.search(data):
                raise UploadRefused(
                    "This SVG image contains script or embedded HTML, which could run in a "
                    "visitor's browser, so it is not accepted. Export it again as a plain "
                    "drawing, or as PNG.",
                    code="markup",
                ) from None
            return Inspected(data, "image/svg+xml", "svg")
        if refused.code == "type":
            for matches, content_type, extension in _MEDIA:
                if matches(data[:16]):
                    return Inspected(data, content_type, extension)
        raise
