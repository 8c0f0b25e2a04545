"""Diagram code fences as Wiki.js writes them, as pymdownx.superfences custom fences.

- ```` ```mermaid ````: the source in ``<pre class="mermaid">``; the site's own copy of mermaid
  draws it in the browser (``static/markup/diagrams.js``), and without JavaScript the source shows.
- ```` ```diagram ````: a draw.io diagram, base64 of the SVG Wiki.js displays. Shown as that
  image (an SVG in ``<img>`` runs no script); data that is not an SVG is shown as a labelled block.
- ```` ```plantuml ```` and ```` ```kroki ```` (first line: the diagram type): drawing them needs
  an outside server, which would learn who reads the page, so the source is shown, highlighted,
  with its kind named.
"""

import base64
import binascii
import html
import re

from pygments import highlight
from pygments.formatters import HtmlFormatter
from pygments.lexers import TextLexer, get_lexer_by_name
from pygments.util import ClassNotFound

# Inline images larger than this are shown as a block, not decoded into the page.
MAX_DIAGRAM_BYTES = 5_000_000
_BASE64 = re.compile(r"[A-Za-z0-9+/=\s]+")
KROKI_KINDS = {
    "blockdiag", "bpmn", "bytefield", "seqdiag", "actdiag", "nwdiag", "packetdiag", "rackdiag",
    "c4plantuml", "d2", "dbml", "ditaa", "erd", "excalidraw", "graphviz", "dot", "mermaid",
    "nomnoml", "pikchr", "plantuml", "structurizr", "svgbob", "symbolator", "tikz", "umlet",
    "vega", "vegalite", "wavedrom", "wireviz",
}


def mermaid_format(source, language, class_name, options, md, **kwargs):
    return f'<pre class="mermaid">{html.escape(source)}</pre>'


def drawio_format(source, language, class_name, options, md, **kwargs):
    svg = _decoded_svg(source)
    if svg is None:
        return (
            '<div class="diagram diagram--data"><p class="diagram__kind">draw.io diagram '
            "(its data holds no image to show; open it in draw.io)</p>"
            f"<pre><code>{html.escape(source[:2000])}</code></pre></div>"
        )
    encoded = base64.b64encode(svg).decode("ascii")
    return (
        '<figure class="diagram diagram--drawio">'
        f'<img src="data:image/svg+xml;base64,{encoded}" alt="draw.io diagram"></figure>'
    )


def _decoded_svg(source):
    compact = "".join(source.split())
    if len(compact) > MAX_DIAGRAM_BYTES * 4 // 3 or not _BASE64.fullmatch(compact or "x"):
        return None
    try:
        data = base64.b64decode(compact, validate=True)
    except (binascii.Error, ValueError):
        return None
    head = data[:1000].lstrip().lower()
    if head.startswith(b"<svg") or (head.startswith(b"<?xml") and b"<svg" in data[:4000].lower()):
        return data
    return None


def source_format(kind_label):
    def format_source(source, language, class_name, options, md, **kwargs):
        kind = kind_label
        if language == "kroki":
            first, _, rest = source.partition("\n")
            if first.strip().lower() in KROKI_KINDS:
                kind, source = f"{first.strip()} diagram (kroki)", rest
        lexer = _lexer(kind.split()[0].lower())
        code = highlight(source, lexer, HtmlFormatter(cssclass="highlight"))
        return (
            f'<div class="diagram diagram--source"><p class="diagram__kind">{html.escape(kind)}'
            f" (source)</p>{code}</div>"
        )

    return format_source


def _lexer(kind):
    # Pygments knows a few diagram languages (graphviz/dot); the others show as plain text.
    try:
        return get_lexer_by_name({"graphviz": "dot"}.get(kind, kind))
    except ClassNotFound:
        return TextLexer()


CUSTOM_FENCES = [
    {"name": "mermaid", "class": "mermaid", "format": mermaid_format},
    {"name": "diagram", "class": "diagram", "format": drawio_format},
    {"name": "plantuml", "class": "plantuml", "format": source_format("PlantUML diagram")},
    {"name": "kroki", "class": "kroki", "format": source_format("Kroki diagram")},
]
