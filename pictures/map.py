"""The world map of examples: Natural Earth countries (pictures.geo), each example a mark at its
coordinates, or at its country's middle when it has only a country.

Marks that would overlap on the map (within ``CELL`` units) are one bigger mark, so the picture
stays readable and small at 10,000 examples; countries are shaded by how many examples they
have and link to the directory filtered to them. Everything is computed from one query.
"""

import math
from dataclasses import dataclass, field

from django.db.models import FloatField
from django.db.models.functions import Cast

from taxonomy.gazetteer import country_name
from taxonomy.models import Status

from .geo import world

CELL = 16  # map units: examples in one square of this size share one mark
NAMES_IN_TITLE = 8
STATUS_WORDS = {value: label.lower() for value, label in Status.choices}


@dataclass
class Mark:
    x: float
    y: float
    examples: list = field(default_factory=list)  # [(name, slug, status, country)]

    @property
    def count(self):
        return len(self.examples)

    @property
    def radius(self):
        """4 units for one example, growing with the logarithm of the count (a square root
        made a thousand examples cover a continent)."""
        return round(min(4 + 2.6 * math.log2(self.count), 30), 1)

    @property
    def status(self):
        """The one status of all its examples, or "mixed"."""
        statuses = {status for _name, _slug, status, _country in self.examples}
        return statuses.pop() if len(statuses) == 1 else "mixed"

    @property
    def countries(self):
        return sorted({country for *_rest, country in self.examples if country})

    def words(self):
        names = sorted(name for name, *_rest in self.examples)
        where = ", ".join(country_name(code) for code in self.countries) or "unknown country"
        if self.count == 1:
            name, _slug, status, _country = self.examples[0]
            return f"{name} ({STATUS_WORDS.get(status, status)}), {where}"
        more = f" and {self.count - NAMES_IN_TITLE} more" if self.count > NAMES_IN_TITLE else ""
        return f"{self.count} examples in {where}: {', '.join(names[:NAMES_IN_TITLE])}{more}"


@dataclass
class CountryRow:
    """A country in the picture's text alternative, and its shading on the map."""

    iso: str
    name: str
    count: int = 0
    drawn: bool = True  # False when the 1:110m shapes have no outline for it (Malta, Singapore…)
    names: list = field(default_factory=list)

    @property
    def level(self):
        """Shade: 1 for one example, 2 for a few, 3 for ten or more."""
        return 0 if not self.count else 1 if self.count == 1 else 2 if self.count < 10 else 3


@dataclass
class WorldMap:
    width: int
    height: int
    countries: list  # [(geo.Country, CountryRow or None)] in drawing order
    marks: list
    rows: list  # CountryRow with examples, most first
    total: int
    by_coordinates: int
    by_country: int
    unplaced: int


NEAR = 64  # map units: no two marks' radii add up to more (30 at most each)


def _without_overlaps(marks):
    """Marks that would cover each other merged into the bigger one (at their weighted middle):
    one pass, biggest first, looking only at marks in neighbouring squares of ``NEAR`` units.
    Biggest first in the result too, so small marks are drawn above big ones."""
    kept, squares = [], {}
    for mark in sorted(marks, key=lambda m: -m.count):
        sx, sy = int(mark.x // NEAR), int(mark.y // NEAR)
        neighbours = [other for dx in (-1, 0, 1) for dy in (-1, 0, 1)
                      for other in squares.get((sx + dx, sy + dy), ())]
        touching = [other for other in neighbours
                    if math.dist((mark.x, mark.y), (other.x, other.y))
                    < 0.8 * (mark.radius + other.radius)]
        if touching:
            host = min(touching, key=lambda o: math.dist((mark.x, mark.y), (o.x, o.y)))
            total = host.count + mark.count
            host.x = (host.x * host.count + mark.x * mark.count) / total
            host.y = (host.y * host.count + mark.y * mark.count) / total
            host.examples.extend(mark.examples)
        else:
            kept.append(mark)
            squares.setdefault((sx, sy), []).append(mark)
    for mark in kept:
        mark.x, mark.y = round(mark.x, 1), round(mark.y, 1)
    return sorted(kept, key=lambda m: -m.count)


def build(examples):
    """The map for an examples queryset (filtered or not): one query."""
    projected = world()
    rows = {}
    marks = {}
    total = by_coordinates = by_country = unplaced = 0
    # Coordinates as floats from the database: making 20,000 Decimals took a fifth of the time.
    rows_found = examples.order_by("name", "pk").annotate(
        lat=Cast("latitude", FloatField()), lon=Cast("longitude", FloatField()),
    ).values_list("name", "slug", "status", "country", "lat", "lon")
    for name, slug, status, country, lat, lon in rows_found:
        total += 1
        shape = projected.by_iso.get(country) if country else None
        if country:
            row = rows.get(country)
            if row is None:
                row = rows[country] = CountryRow(country, country_name(country),
                                                 drawn=shape is not None)
            row.count += 1
            row.names.append((name, slug))
        if lat is not None and lon is not None:
            x, y = projected.project(lon, lat)
            by_coordinates += 1
        elif shape is not None:
            x, y = shape.point
            by_country += 1
        else:
            unplaced += 1
            continue
        key = (int(x // CELL), int(y // CELL))
        mark = marks.get(key)
        if mark is None:
            mark = marks[key] = Mark(0, 0)
        mark.x += x  # summed here, averaged below: a mark sits at its examples' middle
        mark.y += y
        mark.examples.append((name, slug, status, country))
    for mark in marks.values():
        mark.x, mark.y = mark.x / mark.count, mark.y / mark.count
    ordered = _without_overlaps(marks.values())
    return WorldMap(
        width=projected.width,
        height=projected.height,
        countries=[(shape, rows.get(shape.iso)) for shape in projected.countries],
        marks=ordered,
        rows=sorted(rows.values(), key=lambda row: (-row.count, row.name)),
        total=total,
        by_coordinates=by_coordinates,
        by_country=by_country,
        unplaced=unplaced,
    )
