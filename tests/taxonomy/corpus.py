"""Examples as messy as real lists are: real network societies with their publicly reported
places, dates and sizes (rounded, some unknown), a few facet values and sources, plus hostile and
odd entries (markup in a name, accents, right-to-left text, no facts at all). ``bulk_examples``
makes thousands quickly for query-count tests and the benchmark.

Used by the taxonomy tests, the browser tests and bench/dataset_bench.py.
"""

import io
import random
from datetime import date, timedelta

from taxonomy import default_content, editing
from taxonomy.models import Citation, Example, FacetValue, TaxonomyNode

POP_UP = "small/pop-up-villages"
HUBS = "small/hubs"
STARTUP = "medium/startup-cities"
INTENTIONAL = "medium/intentional-communities"
NETWORK_STATES = "large/network-states"

# (slug, name, categories, place, country, lat, lon, start, end, size, status, facets)
REAL = [
    ("zuzalu-2023", "Zuzalu", [POP_UP], "Luštica Bay", "ME", 42.39, 18.65,
     "2023-03-25", "2023-05-25", 200, "past",
     ["core-components:opt-in-membership", "implementation-layers:physical-layer"]),
    ("vitalia-2024", "Vitalia 2024", [POP_UP], "Roatán", "HN", 16.32, -86.54,
     "2024-01-06", "2024-03-01", 250, "past", ["implementation-layers:physical-layer"]),
    ("edge-city-lanna-2024", "Edge City Lanna", [POP_UP], "Chiang Mai", "TH", 18.79, 98.98,
     "2024-10-24", "2024-11-22", 300, "past",
     ["implementation-layers:physical-layer", "economic-models:shared-treasury"]),
    ("edge-esmeralda-2024", "Edge Esmeralda 2024", [POP_UP], "Healdsburg", "US", 38.61,
     -122.87, "2024-06-01", "2024-06-30", 400, "past", []),
    ("zuconnect-2023", "ZuConnect", [POP_UP], "Istanbul", "TR", 41.01, 28.95,
     "2023-10-29", "2023-11-11", 500, "past", []),
    ("aleph-2024", "Aleph", [POP_UP], "Buenos Aires", "AR", -34.61, -58.38,
     "2024-08-01", "2024-08-31", 1000, "past", ["economic-models:token-based-incentives"]),
    ("network-school", "Network School", [HUBS], "Forest City", "MY", 1.42, 103.58,
     "2024-09-01", None, 300, "active", ["core-components:digital-first-coordination"]),
    ("prospera", "Próspera", [STARTUP], "Roatán", "HN", 16.40, -86.40,
     "2020-05-01", None, 2000, "active", ["implementation-layers:protocol-layer"]),
    ("auroville", "Auroville", [INTENTIONAL], "Auroville", "IN", 12.01, 79.81,
     "1968-02-28", None, 3300, "active", ["core-components:collective-governance"]),
    ("twin-oaks", "Twin Oaks Community", [INTENTIONAL], "Louisa, Virginia", "US", 37.93,
     -77.98, "1967-06-16", None, 100, "active", ["economic-models:contribution-tracking"]),
    ("findhorn", "Findhorn Ecovillage", [INTENTIONAL], "Findhorn", "GB", 57.65, -3.60,
     "1962-11-17", None, 400, "active", []),
    ("praxis", "Praxis", [NETWORK_STATES], "", "", None, None, None, None, None, "planned",
     ["core-components:portable-identity-reputation"]),
]
ODD = [
    # Markup in a name and summary is text, never HTML.
    ("script-village", "<script>alert(1)</script> Village", [POP_UP], "<b>Nowhere</b>", "",
     None, None, "2024-02-01", "2024-02-10", 12, "past", []),
    ("nandu", "Ciudad Ñandú", [STARTUP], "Córdoba", "AR", -31.42, -64.18,
     "2025-01-01", None, None, "planned", []),
    ("rtl-hub", "מרכז רשת", [HUBS], "תל אביב", "IL", 32.08, 34.78, "2022-01-01", None, 40,
     "active", []),
    ("no-facts", "An example with no facts", [], "", "", None, None, None, None, None,
     "active", []),
]


def load_corpus(user=None, odd=True):
    """The founding page's tree and facets, then the corpus through ``editing.save_example``
    (so each example has its history); returns {slug: example}."""
    default_content.load(io.StringIO())
    nodes = {node.path: node for node in TaxonomyNode.objects.all()}
    values = {value.key: value for value in FacetValue.objects.select_related("facet")}
    found = {}
    for row in REAL + (ODD if odd else []):
        (slug, name, paths, place, country, lat, lon, start, end, size, status, keys) = row
        found[slug] = editing.save_example(
            Example(), user=user, reason="Test corpus", slug=slug, name=name,
            summary=f"{name}, a test entry.", place=place, country=country,
            latitude=lat, longitude=lon,
            start_date=date.fromisoformat(start) if start else None,
            end_date=date.fromisoformat(end) if end else None,
            size=size, status=status, nodes=[nodes[p] for p in paths],
            facet_values=[values[k] for k in keys],
        )
    # The default content's Chiang Mai Archipelago has no dates; the tests assume it ran in the
    # autumn of 2024, beside Edge City Lanna (two pop-up villages in one country that year).
    archipelago = Example.objects.get(slug="chiang-mai-archipelago-2024")
    editing.save_example(archipelago, user=user, reason="Test corpus",
                         start_date=date(2024, 10, 1), end_date=date(2024, 11, 30))
    editing.save_example(
        found["zuzalu-2023"], user=user, reason="Test corpus", citations=[
            {"fact": "dates", "url": "https://zuzalu.city/", "title": "Zuzalu",
             "accessed": "2024-05-01", "quote": "March 25 – May 25, 2023"},
            {"fact": "place", "url": "https://en.wikipedia.org/wiki/Zuzalu", "title": "Zuzalu"},
        ],
    )
    return {slug: Example.objects.get(slug=slug) for slug in found}


def bulk_examples(count, seed=7):
    """``count`` examples spread over the tree's categories, countries, years and facet values,
    a third with a citation, by bulk inserts (seconds for 10,000). Needs the default tree."""
    rng = random.Random(seed)
    categories = list(TaxonomyNode.objects.filter(level=2))
    values = list(FacetValue.objects.all())
    countries = ["TH", "PT", "US", "AR", "HN", "ME", "MY", "IN", "DE", "KE", ""]
    statuses = ["active", "past", "planned"]
    examples = []
    for number in range(count):
        start = date(2000, 1, 1) + timedelta(days=rng.randrange(9500))
        end = start + timedelta(days=rng.randrange(10, 200)) if rng.random() < 0.6 else None
        examples.append(Example(
            name=f"Bulk example {number:05d}", slug=f"bulk-{number:05d}",
            summary="A generated example.", place=f"Town {number % 97}",
            country=rng.choice(countries), start_date=start, end_date=end,
            size=rng.choice([None, rng.randrange(10, 100_000)]), status=rng.choice(statuses),
        ))
    Example.objects.bulk_create(examples, batch_size=1000)
    examples = list(Example.objects.filter(slug__startswith="bulk-"))
    through = Example.nodes.through
    through.objects.bulk_create(
        [through(example=e, taxonomynode=rng.choice(categories)) for e in examples],
        batch_size=2000,
    )
    tagged = Example.facet_values.through
    tagged.objects.bulk_create(
        [tagged(example=e, facetvalue=rng.choice(values)) for e in examples if values],
        batch_size=2000,
    )
    Citation.objects.bulk_create(
        [Citation(example=e, fact="size", url=f"https://example.org/{e.slug}")
         for e in examples[::3]],
        batch_size=2000,
    )
    return len(examples)
