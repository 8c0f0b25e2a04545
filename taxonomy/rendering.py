"""The repeated rows of /taxonomy/ (tree rows, diagram bars, rows of the picture in words), built
as HTML in Python.

The page has three rows per node; a Django template loop costs about a tenth of a millisecond per
row, which made the page take seconds at 1,000 nodes. Here each row is one ``html_format`` call,
which escapes every value it is given. The surrounding markup stays in the templates
(``taxonomy/includes/tree.html``, ``taxonomy/includes/diagram.html``); change a row's markup here,
in the constants below.
"""

import html
import math

from django.urls import reverse
from django.utils.safestring import SafeData, SafeString

from .models import Permanence, Status, size_label

PERMANENCE_LABELS = dict(Permanence.choices)
STATUS_LABELS = {value: label.lower() for value, label in Status.choices}


def escape(value):
    """Django's ``conditional_escape`` without its lazy-string wrapper, which cost more than the
    escaping itself here: safe HTML passes, anything else is escaped exactly as Django does."""
    if isinstance(value, SafeData):
        return value
    if isinstance(value, int | float):  # coordinates and counts: nothing to escape
        return str(value)
    return html.escape(str(value))


def html_format(template, **values):
    """``format_html`` for thousands of rows: every value is escaped, the markup is ours."""
    return SafeString(template.format_map({name: escape(v) for name, v in values.items()}))


def join(parts):
    """HTML fragments as one safe string; a part that is not safe HTML is escaped."""
    return SafeString("".join(escape(part) for part in parts))


def url_maker():
    """A function giving ``node.get_absolute_url()`` for many nodes at the cost of two
    ``reverse()`` calls (reversing once per node was a sixth of the page's time)."""
    index = reverse("taxonomy:index")
    before, after = reverse("taxonomy:node", args=["-"]).rsplit("-", 1)
    return lambda node: f"{before}{node.path}{after}" if node.path else index


# --- The tree: nested lists in tree order, branches as <details> ------------------------------

TREE_ROW = """
  <li class="tx-tree__item{scale_class}">
  {opening}
    <span class="tx-row">
      <a class="tx-row__name" href="{url}">{name}</a>
      {summary}
      <span class="tx-row__meta meta">
        {size}{examples}{threads}
      </span>
    </span>
  {closing}
"""
# Fixed markup, with no value in it.
BRANCH_OPEN = SafeString('<details class="tx-tree__branch" open><summary>')
BRANCH_AFTER = SafeString('</summary><ul role="list">')
LEAF_OPEN, LEAF_AFTER = SafeString('<div class="tx-tree__leaf">'), SafeString("</div></li>")
CLOSE_BRANCH = SafeString("</ul></details></li>")


def _count(number, noun):
    if not number:
        return ""
    return html_format("<span>{n} {noun}{s}</span>", n=number, noun=noun,
                       s="" if number == 1 else "s")


def tree_html(nodes):
    """The nodes below the root, in tree order (``nodes`` as fetched, with counts), as the
    items of nested lists: one flat pass, a branch closes when the next node is no deeper."""
    url_for = url_maker()
    base = nodes[0].level if nodes else 0
    parts = []
    for index, node in enumerate(nodes):
        following = nodes[index + 1] if index + 1 < len(nodes) else None
        has_children = following is not None and following.level > node.level
        closes = 0 if has_children else node.level - (following.level if following else base)
        size = size_label(node.size_min, node.size_max)
        parts.append(
            html_format(
                TREE_ROW,
                scale_class=html_format(" scale-{scale}", scale=node.scale)
                if node.level == 1
                else "",
                opening=BRANCH_OPEN if has_children else LEAF_OPEN,
                url=url_for(node),
                name=node.name,
                summary=html_format(
                    '<span class="tx-row__summary">{text}</span>', text=node.summary
                )
                if node.summary
                else "",
                size=html_format("<span>{text}</span>", text=size) if size else "",
                # Counts of zero say nothing: the node page invites instead.
                examples=_count(node.example_count, "example"),
                threads=_count(getattr(node, "thread_count", 0), "discussion"),
                closing=BRANCH_AFTER if has_children else LEAF_AFTER,
            )
        )
        parts.extend([CLOSE_BRANCH] * closes)
    return join(parts)


# --- The diagram: one SVG group per scale, one link per bar ------------------------------------

BAND = """
    <g class="txd-band txd-{scale}">
      <rect class="txd-band-bg" x="0" y="{y}" width="{width}" height="{height}" rx="8"/>
      <rect class="txd-band-edge" x="0" y="{y}" width="5" height="{height}" rx="2"/>
      {bars}
    </g>
"""
BAR_LINK = """
      <a href="{url}" aria-label="{name}{size_words}{permanence_words}">
        <title>{name}{size_title}{permanence_title}{summary}</title>
        {shapes}
      </a>
"""
SCALE_LINE = '<line class="txd-scale-bar" x1="{x1}" x2="{x2}" y1="{y}" y2="{y}"/>'
SCALE_LABEL = '<text class="txd-scale-label" x="{x}" y="{y}" text-anchor="{anchor}">{name}</text>'
CATEGORY_BAR = (
    '<rect class="txd-bar txd-{permanence}" x="{x}" y="{y}" width="{width}" '
    'height="{height}" rx="4"/>'
)
CATEGORY_LABEL = (
    '<text class="txd-label" x="{x}" y="{y}" text-anchor="{anchor}">{name}{unset}</text>'
)
SIZE_UNSET = SafeString(' <tspan class="txd-muted">(size not set)</tspan>')
SHAPES_GAP = SafeString("\n          ")


def bands_svg(diagram):
    return join(
        html_format(
            BAND,
            scale=band.scale.scale,
            y=band.y,
            width=diagram.width,
            height=band.height,
            bars=join(bar_svg(bar, diagram) for bar in band.bars),
        )
        for band in diagram.bands
    )


def bar_svg(bar, diagram):
    node = bar.node
    size = size_label(node.size_min, node.size_max) if bar.has_size else ""
    permanence = PERMANENCE_LABELS.get(node.permanence, node.permanence).lower()
    if bar.is_scale:
        shapes = join(
            [
                html_format(SCALE_LINE, x1=bar.x1, x2=bar.x2, y=bar.y + 18) if bar.has_size else "",
                SHAPES_GAP,
                html_format(
                    SCALE_LABEL,
                    x=bar.label_x,
                    y=bar.y + 14,
                    anchor=bar.label_anchor,
                    name=node.name,
                ),
            ]
        )
    else:
        shapes = join(
            [
                html_format(
                    CATEGORY_BAR,
                    permanence=node.permanence or "unknown",
                    x=bar.x1,
                    y=bar.y,
                    width=bar.width,
                    height=diagram.bar_height,
                )
                if bar.has_size
                else "",
                SHAPES_GAP,
                html_format(
                    CATEGORY_LABEL,
                    x=bar.label_x,
                    y=bar.y + 15,
                    anchor=bar.label_anchor,
                    name=node.name,
                    unset="" if bar.has_size else SIZE_UNSET,
                ),
            ]
        )
    return html_format(
        BAR_LINK,
        url=bar.url,
        name=node.name,
        size_words=f": {size}" if size else "",
        permanence_words=f", {permanence}" if node.permanence else "",
        size_title=f" · {size}" if size else "",
        permanence_title=f" · {permanence}" if node.permanence else "",
        summary=f" — {node.summary}" if node.summary else "",
        shapes=shapes,
    )


# --- The examples: one mark per example (or per few of one status and nearly one size) --------

POINT_LINK = """
      <a href="{url}" aria-label="{words}"><title>{words}</title>{shape}</a>"""
SHAPES = {
    "active": '<circle class="txd-point txd-point--active" cx="{x}" cy="{y}" r="{r}"/>',
    "past": '<rect class="txd-point txd-point--past" x="{left}" y="{top}" width="{side}" '
            'height="{side}"/>',
    "planned": '<path class="txd-point txd-point--planned" '
               'd="M{x} {top}L{right} {y}L{x} {bottom}L{left} {y}Z"/>',
}
TITLE_NAMES = 8


def points_svg(diagram):
    """The example marks, over the bars (an SVG link cannot hold another, so they are a layer
    of their own): one link each, to the example, or to the category for a mark of several."""
    before, after = reverse("taxonomy:example", args=["-"]).rsplit("-", 1)
    return join(_point_svg(point, f"{before}{{slug}}{after}") for point in diagram.points)


LABEL_OVER = (
    '<text class="{css}" x="{x}" y="{y}" text-anchor="{anchor}">{name}</text>'
)


def labels_over_svg(diagram):
    """The bars' labels once more, above the example marks (with a halo in the page's colour),
    so a mark never hides a name. Hidden from screen readers: the links already say them."""
    parts = []
    for band in diagram.bands:
        # In the band's group, so a scale's name keeps the band's colour.
        parts.append(html_format('<g class="txd-band txd-{scale}">', scale=band.scale.scale))
        for bar in band.bars:
            css = "txd-scale-label txd-over" if bar.is_scale else "txd-label txd-over"
            y = bar.y + (14 if bar.is_scale else 15)
            parts.append(html_format(LABEL_OVER, css=css, x=bar.label_x, y=y,
                                     anchor=bar.label_anchor, name=bar.node.name))
        parts.append(SafeString("</g>"))
    return join(parts)


def _point_svg(point, example_url):
    r = round(4.5 + 1.6 * math.log2(point.count), 1)
    status = point.status if point.status in SHAPES else "active"
    shape = html_format(SHAPES[status], x=point.x, y=point.y, r=r, left=round(point.x - r, 1),
                        right=round(point.x + r, 1), top=round(point.y - r, 1),
                        bottom=round(point.y + r, 1), side=round(2 * r, 1))
    label = STATUS_LABELS.get(point.status, point.status)
    if point.count == 1:
        name, slug, size = point.examples[0]
        words = f"{name}: {size:,} people, {label}"
        url = example_url.replace("{slug}", slug)
    else:
        names = sorted(name for name, _slug, _size in point.examples)
        shown = ", ".join(names[:TITLE_NAMES])
        more = f" and {len(names) - TITLE_NAMES} more" if len(names) > TITLE_NAMES else ""
        words = (f"{point.count} {label} examples in {point.bar.node.name} of about "
                 f"{point.examples[0][2]:,} people: {shown}{more}")
        url = point.bar.url
    return html_format(POINT_LINK, url=url, words=words, shape=shape)


# --- The picture in words: one table row per bar -----------------------------------------------

TABLE_ROW = """
        <tr>
          <th scope="row">{arrow}<a href="{url}">{name}</a></th>
          <td>{scale}</td>
          <td>{size}</td>
          <td>{permanence}</td>
          <td>{examples}</td>
        </tr>
"""


def _examples_words(points):
    """"3 (200–4,000 people)" for the marks of one row; "—" for none."""
    sizes = {slug: size for point in points for _name, slug, size in point.examples}
    if not sizes:
        return "—"
    low, high = min(sizes.values()), max(sizes.values())
    spread = f"{low:,}" if low == high else f"{low:,}–{high:,}"
    return f"{len(sizes)} ({spread} people)"
ARROW = SafeString('<span aria-hidden="true">↳ </span>')


def table_rows(diagram):
    by_bar = {}
    for point in diagram.points:
        by_bar.setdefault(id(point.bar), []).append(point)
    return join(
        html_format(
            TABLE_ROW,
            arrow="" if bar.is_scale else ARROW,
            url=bar.url,
            name=bar.node.name,
            scale=band.scale.name,
            size=size_label(bar.node.size_min, bar.node.size_max),
            permanence=PERMANENCE_LABELS.get(bar.node.permanence, bar.node.permanence) or "—",
            examples=_examples_words(by_bar.get(id(bar), [])),
        )
        for band in diagram.bands
        for bar in band.bars
    )
