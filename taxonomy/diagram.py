"""The taxonomy as a picture: each scale a band, each category a bar along a logarithmic axis of
people, from tens to hundreds of millions, and its examples as marks on the same axis at their
size, shaped by status (active a circle, past a square, planned a hollow diamond).

This module only computes geometry from nodes already fetched; the template
``taxonomy/includes/diagram.html`` draws it as SVG, its bands and table rows built by
``taxonomy.rendering`` (which escapes every name and summary).
Colours come from CSS variables, so the picture follows light and dark mode.
"""

import math
from dataclasses import dataclass, field

from . import rendering
from .models import Example

WIDTH = 960
LEFT, RIGHT = 16, 944  # plot area, in SVG units
TOP = 56  # below the axis labels
ROW = 30
BAND_GAP = 12
LOW_EXP, HIGH_EXP = 1, 9  # 10 people … 1,000,000,000 people
CHAR_WIDTH = 7.2  # average glyph width at the label size, to place labels without overflow

TICKS = [
    (10, "10"),
    (100, "100"),
    (1_000, "1k"),
    (10_000, "10k"),
    (100_000, "100k"),
    (1_000_000, "1M"),
    (10_000_000, "10M"),
    (100_000_000, "100M"),
    (1_000_000_000, "1B"),
]


def x_for(people):
    """Horizontal position of a number of people on the log axis, clamped to the plot."""
    exponent = math.log10(max(people, 1))
    share = (min(max(exponent, LOW_EXP), HIGH_EXP) - LOW_EXP) / (HIGH_EXP - LOW_EXP)
    return round(LEFT + share * (RIGHT - LEFT), 1)


@dataclass
class Bar:
    node: object
    y: float
    x1: float = 0
    x2: float = 0
    has_size: bool = False
    label_x: float = 0
    label_anchor: str = "start"
    is_scale: bool = False
    url: str = ""

    @property
    def width(self):
        return round(self.x2 - self.x1, 1)


POINT_BIN = 5  # SVG units: a row's examples of one status closer than this share one mark


@dataclass
class Point:
    """One mark on a row: an example, or several of one status and nearly the same size."""

    bar: Bar
    x: float
    y: float
    status: str
    examples: list = field(default_factory=list)  # [(name, slug, size)]

    @property
    def count(self):
        return len(self.examples)


@dataclass
class Band:
    scale: object
    y: float
    height: float = 0
    bars: list = field(default_factory=list)


@dataclass
class Diagram:
    bands: list
    height: float
    ticks: list
    bar_height: float = ROW - 10
    width: int = WIDTH
    legend_y: float = 0
    points: list = field(default_factory=list)

    def bands_svg(self):
        return rendering.bands_svg(self)

    def points_svg(self):
        return rendering.points_svg(self)

    def labels_over_svg(self):
        return rendering.labels_over_svg(self)

    def table_rows(self):
        return rendering.table_rows(self)


def _place(bar, node, y, is_scale):
    bar.is_scale = is_scale
    label_width = len(node.name) * CHAR_WIDTH + 8
    if node.size_min is not None or node.size_max is not None:
        low = node.size_min if node.size_min is not None else node.size_max
        high = node.size_max if node.size_max is not None else node.size_min
        bar.x1, bar.x2, bar.has_size = x_for(low), max(x_for(high), x_for(low) + 6), True
        if bar.x2 + label_width <= RIGHT:
            bar.label_x, bar.label_anchor = bar.x2 + 6, "start"
        elif bar.x1 - label_width >= LEFT:
            bar.label_x, bar.label_anchor = bar.x1 - 6, "end"
        else:  # a very wide bar: write on it
            bar.label_x, bar.label_anchor = bar.x1 + 8, "start"
    else:
        bar.label_x = LEFT + 4
    bar.y = y
    return bar


def example_sizes(examples=None):
    """``(node id, size, status, name, slug)`` for each classification of an active example
    with a size (of ``examples``, a queryset, if given): one query, for ``build``."""
    examples = Example.objects.active() if examples is None else examples
    return Example.nodes.through.objects.filter(
        example__in=examples.filter(size__isnull=False).values("pk")
    ).values_list("taxonomynode_id", "example__size", "example__status", "example__name",
                  "example__slug")


def build(nodes, examples=()):
    """Geometry for ``nodes`` in tree order (scales at level 1, their categories after them),
    with ``examples`` (from ``example_sizes``) as marks on their category's row; an example
    under a sub-category is marked on the row of the category above it."""
    url_for = rendering.url_maker()
    bands, y = [], TOP
    row_of = {}  # node id -> the Bar its examples are marked on
    for node in nodes:
        if node.level == 1:
            if bands:
                y += BAND_GAP
            band = Band(scale=node, y=y)
            bands.append(band)
            bar = _place(Bar(node, y, url=url_for(node)), node, y + 4, is_scale=True)
            band.bars.append(bar)
            y += ROW + 6
        elif node.level == 2 and bands:
            bar = _place(Bar(node, y, url=url_for(node)), node, y + 4, is_scale=False)
            bands[-1].bars.append(bar)
            y += ROW
        else:
            if node.level > 2 and bands and not bands[-1].bars[-1].is_scale:
                row_of[node.pk] = bands[-1].bars[-1]
            continue
        row_of[node.pk] = bar
        bands[-1].height = y - bands[-1].y
    height = y + 44
    return Diagram(
        bands=bands,
        height=height,
        ticks=[(x_for(value), label) for value, label in TICKS],
        legend_y=y + 26,
        points=_points(examples, row_of),
    )


def _points(examples, row_of):
    """Marks per row and status: examples sorted by size, a new mark when the next one is
    ``POINT_BIN`` units or more from the first of the current mark."""
    by_row = {}
    for node_id, size, status, name, slug in examples:
        bar = row_of.get(node_id)
        if bar is not None:
            by_row.setdefault((id(bar), status), (bar, status, {}))[2][slug] = (name, slug, size)
    points = []
    for bar, status, found in by_row.values():
        middle = bar.y + (18 if bar.is_scale else (ROW - 10) / 2)
        current = None
        for name, slug, size in sorted(found.values(), key=lambda e: (e[2], e[0])):
            x = x_for(size)
            if current is None or x - current.x >= POINT_BIN:
                current = Point(bar, x, middle, status)
                points.append(current)
            current.examples.append((name, slug, size))
    return sorted(points, key=lambda point: (point.y, point.x))
