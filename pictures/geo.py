"""The world's countries as SVG paths, projected with the Natural Earth projection.

The shapes come from ``data/world-110m.json`` (Natural Earth 1:110m, public domain; see
``data/README.md`` and the ``build_world_map`` command that made it). They are read and
projected once per process: the map costs no query and no file read after the first.
"""

import functools
import json
import math
from dataclasses import dataclass
from pathlib import Path

DATA_FILE = Path(__file__).parent / "data" / "world-110m.json"

WIDTH = 960  # SVG units; the height follows from the projection's aspect
MARGIN = 4


def natural_earth(lon, lat):
    """The Natural Earth projection (Šavrič, Jenny, Patterson and Jenny 2011): polynomial in
    latitude, in units of the earth's radius. A compromise that keeps the continents' shapes
    recognisable and the poles short, so the map fits a phone's width."""
    lam, phi = math.radians(lon), math.radians(lat)
    phi2 = phi * phi
    phi4 = phi2 * phi2
    x = lam * (0.8707 - 0.131979 * phi2 + phi4 * (-0.013791 + phi4 * (0.003971 * phi2
                                                                      - 0.001529 * phi4)))
    y = phi * (1.007226 + phi2 * (0.015085 + phi4 * (-0.044475 + 0.028874 * phi2
                                                      - 0.005916 * phi4)))
    return x, y


@dataclass(frozen=True)
class Country:
    iso: str
    name: str
    path: str  # SVG path data, in map units
    point: tuple  # where to mark the country as a whole, in map units


@dataclass(frozen=True)
class World:
    width: int
    height: int
    countries: tuple
    scale: float
    left: float
    top: float

    def project(self, lon, lat):
        """(x, y) on the map for a longitude and latitude in degrees."""
        x, y = natural_earth(max(-180.0, min(180.0, lon)), max(-90.0, min(90.0, lat)))
        return round((x - self.left) * self.scale + MARGIN, 1), round(
            (self.top - y) * self.scale + MARGIN, 1)

    @functools.cached_property
    def by_iso(self):
        return {country.iso: country for country in self.countries}


def _rings(country):
    for flat in country["rings"]:
        yield [(flat[i], flat[i + 1]) for i in range(0, len(flat), 2)]


@functools.cache
def world():
    """The projected world, built on first use."""
    data = json.loads(DATA_FILE.read_text())
    raw = [natural_earth(lon, lat) for c in data["countries"] for r in _rings(c) for lon, lat in r]
    left, right = min(x for x, _ in raw), max(x for x, _ in raw)
    bottom, top = min(y for _, y in raw), max(y for _, y in raw)
    scale = (WIDTH - 2 * MARGIN) / (right - left)
    height = math.ceil((top - bottom) * scale + 2 * MARGIN)
    shell = World(WIDTH, height, (), scale, left, top)
    countries = []
    for country in data["countries"]:
        parts = []
        for ring in _rings(country):
            points = [shell.project(lon, lat) for lon, lat in ring]
            parts.append("M" + "L".join(f"{x:g} {y:g}" for x, y in _dedupe(points)) + "Z")
        countries.append(Country(country["iso"], country["name"], "".join(parts),
                                 shell.project(*country["point"])))
    return World(WIDTH, height, tuple(countries), scale, left, top)


def _dedupe(points):
    """Consecutive points that land on the same spot once projected and rounded, once."""
    last = None
    for point in points:
        if point != last:
            yield point
            last = point
