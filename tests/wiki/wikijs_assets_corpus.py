"""A generated Wiki.js storage folder whose pages reference assets in every way real wikis do:
relative and site paths, ``/uploads/...``, the locale in the path or not, %-encoded names with
spaces, capitals and accents, ``?v=2`` and ``=600x``, a reference in another case than the file,
HTML pages with ``<img src>`` and ``<a href>``, a file two pages share, a file next to a nested
page in another locale, one missing, an SVG with script, a plain SVG drawing, a file no page
references, and a hidden folder. Written here; nothing is copied from a real wiki."""

import io

from PIL import Image

FRONT = (
    "---\ntitle: {title}\ndescription: \npublished: true\ndate: 2024-12-10T18:54:09.678Z\n"
    "tags: \neditor: {editor}\ndateCreated: 2024-11-29T13:41:41.766Z\n---\n\n"
)
HTML_FRONT = (
    "<!--\ntitle: {title}\ndescription: \npublished: true\ndate: 2024-12-10T18:54:09.678Z\n"
    "tags: \neditor: ckeditor\ndateCreated: 2024-11-29T13:41:41.766Z\n-->\n\n"
)

VISA_GUIDE = """# Visas
![Map of the hubs](../../img/Map%20of%20Hubs.PNG?v=2 =600x)
The [visa form](/uploads/Visa%20Form%202024.pdf) and [the same, again](/uploads/Visa Form 2024.pdf).
![Café](/img/café-ünïcode.jpg)
![Shared](/img/shared.png "shared by two pages")
![Logo](/IMG/LOGO.png)
![Gone](/img/missing.png)
![Evil](/img/evil.svg)
![Drawing](/en/img/plain.svg)
<video controls src="/uploads/clip.webm"></video>

See [travel](../travel), [how to apply](apply/now), [the top](#visas) and
[the application form](apply/Form.pdf).
"""

TRAVEL = """Shared with the guide: ![Shared again](img/shared.png)
[Back to the guide](../Guides/Visa%20Guide) and [a missing page](Guides/Nowhere).
"""

HOME = """Start with [the visa guide](Guides/Visa%20Guide).
"""

DEEP = """深い ![Shared](../../img/shared.png) ![Local](diagram.png)
[上](../overview)
"""

HTML_PAGE = """<p>An HTML page.</p>
<p><img src="/img/shared.png" alt="Shared in HTML"> <img src='/img/Map%20of%20Hubs.PNG'></p>
<p><a href="../uploads/Visa%20Form%202024.pdf">The form</a></p>
"""


def png(colour, size=(900, 450)):
    out = io.BytesIO()
    Image.new("RGB", size, colour).save(out, "PNG")
    return out.getvalue()


def jpeg_with_exif():
    """A photo whose EXIF names the camera: re-encoding drops it, the original keeps it."""
    out = io.BytesIO()
    exif = Image.Exif()
    exif[0x010F] = "TestCam"  # Make
    Image.new("RGB", (700, 500), (20, 120, 200)).save(out, "JPEG", exif=exif, quality=90)
    return out.getvalue()


PDF = (b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Catalog >>\nendobj\n"
       b"trailer\n<< /Root 1 0 R >>\n%%EOF\n")
WEBM = b"\x1aE\xdf\xa3\x9fB\x86\x81\x01B\xf7\x81\x01" + bytes(range(256))
EVIL_SVG = b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(document.cookie)</script></svg>'
PLAIN_SVG = (b'<?xml version="1.0" encoding="UTF-8"?>\n<svg xmlns="http://www.w3.org/2000/svg" '
             b'width="40" height="20"><rect width="40" height="20" fill="#c33"/></svg>\n')

# Every asset file, by its path in the folder. The missing one is, of course, not here.
ASSETS = {
    "img/Map of Hubs.PNG": png((200, 60, 40)),
    "uploads/Visa Form 2024.pdf": PDF,
    "img/café-ünïcode.jpg": jpeg_with_exif(),
    "img/shared.png": png((40, 160, 90), (320, 200)),
    "img/logo.png": png((250, 200, 0), (120, 120)),
    "img/evil.svg": EVIL_SVG,
    "img/plain.svg": PLAIN_SVG,
    "uploads/clip.webm": WEBM,
    "ja/Guides/Nested/diagram.png": png((90, 90, 200), (300, 300)),
    "notes/unreferenced.txt": b"Nobody links to me.\n",
    ".hidden/secret.png": png((0, 0, 0), (10, 10)),
}
REFUSED = {"img/evil.svg": "SVG image contains script"}
# Stored: everything referenced and not refused.
STORED = {"img/Map of Hubs.PNG", "uploads/Visa Form 2024.pdf", "img/café-ünïcode.jpg",
          "img/shared.png", "img/logo.png", "img/plain.svg", "uploads/clip.webm",
          "ja/Guides/Nested/diagram.png"}
PAGES = {
    "en/Guides/Visa Guide.md": FRONT.format(title="Visa guide", editor="markdown") + VISA_GUIDE,
    "en/travel.md": FRONT.format(title="Travel", editor="markdown") + TRAVEL,
    "en/home.md": FRONT.format(title="Home", editor="markdown") + HOME,
    "ja/Guides/Nested/deep.md": FRONT.format(title="深いページ", editor="markdown") + DEEP,
    "en/html/page.html": HTML_FRONT.format(title="An HTML page") + HTML_PAGE,
}


def write_corpus(folder):
    for relative, data in {**ASSETS, **{k: v.encode() for k, v in PAGES.items()}}.items():
        target = folder.joinpath(*relative.split("/"))
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data)
    return folder
