"""Images the site serves itself, completed after sanitising: size, thumbnails, lazy loading.

The sanitiser keeps ``<img src alt title width height>`` only. An app that stores images (files)
registers a describer at start-up::

    images.register(describe)   # describe(srcs: set[str]) -> {src: ImageInfo}

``describe`` answers for the site-relative ``src`` values it owns, with one query for a whole
text. Each such ``<img>`` then gets ``width``/``height`` (so the page does not jump),
``srcset``/``sizes`` with the thumbnails, ``loading="lazy"``, the stored description as alt text
when the writer gave none, and a link to the original unless it already sits inside a link.
Every value written comes from the describer and is escaped here, so the result is as safe as
the sanitiser's output it started from.
"""

import html
import re
from dataclasses import dataclass

# The width an image takes in a page's text column at most (--prose in site.css).
SIZES = "(max-width: 48rem) 100vw, 46rem"

_TOKEN = re.compile(r'<(/?)(a|img)\b((?:"[^"]*"|[^">])*)>')
_ATTR = re.compile(r'\s([\w:-]+)="([^"]*)"')

_describers = []


@dataclass(frozen=True)
class ImageInfo:
    src: str  # the default source: a thumbnail, or the original when it is small
    original: str
    width: int
    height: int
    srcset: tuple = ()  # ((url, width), ...), the original included
    alt: str = ""  # used when the text gave no alt text


def register(describe):
    if describe not in _describers:
        _describers.append(describe)


def size_images(clean_html):
    """``clean_html`` (sanitiser output) with the site's own images completed, as above."""
    if "<img" not in clean_html or not _describers:
        return clean_html
    srcs = {
        html.unescape(attrs["src"])
        for closing, tag, rest in _TOKEN.findall(clean_html)
        if tag == "img" and (attrs := dict(_ATTR.findall(rest))).get("src", "").startswith("/")
        and not attrs["src"].startswith("//")
    }
    infos = {}
    for describe in _describers:
        if srcs:
            infos.update(describe(srcs))
    if not infos:
        return clean_html
    depth = 0

    def rewrite(match):
        nonlocal depth
        closing, tag, rest = match.groups()
        if tag == "a":
            depth += -1 if closing else 1
            return match.group(0)
        attrs = dict(_ATTR.findall(rest))
        info = infos.get(html.unescape(attrs.get("src", "")))
        if info is None:
            return match.group(0)
        return _image_tag(attrs, info, linked=depth > 0)

    return _TOKEN.sub(rewrite, clean_html)


def _image_tag(attrs, info, *, linked):
    alt = attrs.get("alt") or html.escape(info.alt)
    width, height = _size(attrs, info)
    parts = [f'alt="{alt}"', f'src="{html.escape(info.src)}"']
    if len(info.srcset) > 1:
        srcset = ", ".join(f"{html.escape(url)} {w}w" for url, w in info.srcset)
        sizes = SIZES if width == info.width else f"(max-width: {width}px) 100vw, {width}px"
        parts += [f'srcset="{srcset}"', f'sizes="{sizes}"']
    parts += [f'width="{width}"', f'height="{height}"', 'loading="lazy"', 'decoding="async"']
    if attrs.get("title"):
        parts.append(f'title="{attrs["title"]}"')
    tag = f"<img {' '.join(parts)}>"
    if linked:
        return tag
    return f'<a class="image-link" href="{html.escape(info.original)}">{tag}</a>'


def _size(attrs, info):
    """(width, height) to show: the writer's (``=600x``, ``{width="600"}``), the other side
    kept in proportion, else the image's own."""
    width, height = int(info.width), int(info.height)
    wanted_w, wanted_h = (int(attrs[a]) if attrs.get(a, "").isdigit() else 0
                          for a in ("width", "height"))
    if wanted_w and wanted_h:
        return wanted_w, wanted_h
    if wanted_w:
        return wanted_w, max(1, round(height * wanted_w / width))
    if wanted_h:
        return max(1, round(width * wanted_h / height)), wanted_h
    return width, height
