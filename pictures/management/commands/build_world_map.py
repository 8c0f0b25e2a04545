"""Rebuild pictures/data/world-110m.json from the world-atlas package's TopoJSON.

Run once when the shapes should change (the file is committed; nothing fetches it at run time):

    npm pack world-atlas@2 i18n-iso-countries@7   # then unpack both .tgz files
    manage.py build_world_map countries-110m.json codes.json

world-atlas (ISC) packages Natural Earth's 1:110m Admin 0 countries, which are in the public
domain; i18n-iso-countries' codes.json gives the two-letter ISO code for each numeric one.
The output keeps longitude/latitude (projected when drawn, see pictures.geo), rounded to
0.01°, one entry per country: its ISO alpha-2 code, name, rings and a point to mark it by.
Antarctica is left out: nobody founds a network society there, and it took a fifth of the map.
"""

import json
from pathlib import Path

from django.core.management.base import BaseCommand

from pictures.geo import DATA_FILE

# Natural Earth shapes with no numeric ISO code in world-atlas, by name.
CODES_BY_NAME = {"Kosovo": "XK", "N. Cyprus": "CY", "Somaliland": "SO"}
LEFT_OUT = {"010"}  # Antarctica


def decode_arcs(topology):
    """The topology's arcs as lists of (lon, lat): quantized and delta-encoded in TopoJSON."""
    (sx, sy), (tx, ty) = topology["transform"]["scale"], topology["transform"]["translate"]
    arcs = []
    for arc in topology["arcs"]:
        x = y = 0
        points = []
        for dx, dy in arc:
            x, y = x + dx, y + dy
            points.append((x * sx + tx, y * sy + ty))
        arcs.append(points)
    return arcs


def ring(arcs, indexes):
    """One closed ring from arc indexes (a negative index ~i is arc i reversed)."""
    points = []
    for index in indexes:
        arc = arcs[~index][::-1] if index < 0 else arcs[index]
        points.extend(arc[1:] if points else arc)
    return points


def split_at_antimeridian(points):
    """A ring that crosses 180° (Fiji's, two of Russia's) as the ring on each side of it, its
    far points pressed onto the edge; otherwise it would be drawn across the whole map."""
    if not any(abs(a[0] - b[0]) > 180 for a, b in zip(points, points[1:], strict=False)):
        return [points]
    east = _pressed([(lon if lon >= 0 else lon + 360, lat) for lon, lat in points], 180.0)
    west = _pressed([(lon if lon <= 0 else lon - 360, lat) for lon, lat in points], -180.0)
    return [ring for ring in (east, west) if area(ring) > 1e-6]


def _pressed(points, edge):
    """Points beyond ``edge`` moved onto it, each run of them kept only by its first and last
    point (where the ring leaves the side and comes back), so the ring closes along a short
    piece of the edge instead of tracing the far side's outline on it."""
    beyond = [abs(lon) > 180 for lon, _lat in points]
    if beyond[0]:  # start the (closed) ring on this side, so no run is cut in two
        start = beyond.index(False)
        points = points[start:-1] + points[:start] + [points[start]]
        beyond = beyond[start:-1] + beyond[:start] + [beyond[start]]
    kept = []
    for index, (lon, lat) in enumerate(points):
        if not beyond[index]:
            kept.append((lon, lat))
            continue
        first = index == 0 or not beyond[index - 1]
        last = index == len(points) - 1 or not beyond[index + 1]
        if first or last:
            kept.append((edge, lat))
    return kept


def area(points):
    pairs = zip(points, points[1:], strict=False)
    return abs(sum(x1 * y2 - x2 * y1 for (x1, y1), (x2, y2) in pairs)) / 2


def centroid(points):
    """The centroid of a polygon (shoelace formula); the mean of its points if it is flat."""
    twice, cx, cy = 0.0, 0.0, 0.0
    for (x1, y1), (x2, y2) in zip(points, points[1:], strict=False):
        cross = x1 * y2 - x2 * y1
        twice += cross
        cx += (x1 + x2) * cross
        cy += (y1 + y2) * cross
    if abs(twice) < 1e-9:
        return sum(p[0] for p in points) / len(points), sum(p[1] for p in points) / len(points)
    return cx / (3 * twice), cy / (3 * twice)


def compact(points):
    """Rounded to 0.01° and flattened, dropping points that rounding made repeat."""
    flat, last = [], None
    for lon, lat in points:
        point = (round(lon, 2), round(lat, 2))
        if point != last:
            flat.extend(point)
            last = point
    return flat


class Command(BaseCommand):
    help = "Rebuild the world map's data file from world-atlas's countries-110m.json."

    def add_arguments(self, parser):
        parser.add_argument("topojson", help="countries-110m.json from the world-atlas package")
        parser.add_argument("codes", help="codes.json from the i18n-iso-countries package")
        parser.add_argument("--output", default=str(DATA_FILE))

    def handle(self, topojson, codes, output, **options):
        topology = json.loads(Path(topojson).read_text())
        alpha2 = {numeric: a2 for a2, _a3, numeric, *_ in json.loads(Path(codes).read_text())}
        arcs = decode_arcs(topology)
        countries = []
        for geometry in topology["objects"]["countries"]["geometries"]:
            numeric, name = geometry.get("id"), geometry["properties"]["name"]
            if numeric in LEFT_OUT:
                continue
            polygons = geometry["arcs"] if geometry["type"] == "MultiPolygon" else [
                geometry["arcs"]]
            rings = [part for polygon in polygons for indexes in polygon
                     for part in split_at_antimeridian(ring(arcs, indexes))]
            largest = max(rings, key=area)
            lon, lat = centroid(largest)
            countries.append({
                "iso": alpha2.get(numeric) or CODES_BY_NAME[name],
                "name": name,
                "point": [round(lon, 2), round(lat, 2)],
                "rings": [compact(points) for points in rings],
            })
        countries.sort(key=lambda c: c["name"])
        data = {
            "source": "Natural Earth 1:110m Admin 0 countries (public domain), as packaged in "
                      "world-atlas 2.0.2 countries-110m.json (ISC); ISO codes from "
                      "i18n-iso-countries 7.14.0 codes.json (MIT).",
            "license": "Public domain (Natural Earth): https://www.naturalearthdata.com/about/terms-of-use/",
            "coordinates": "longitude, latitude in degrees, flattened pairs, rounded to 0.01",
            "countries": countries,
        }
        Path(output).write_text(json.dumps(data, separators=(",", ":")) + "\n")
        self.stdout.write(f"Wrote {len(countries)} countries to {output}")
