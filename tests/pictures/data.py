"""A small tree and many placed, dated examples for the pictures' tests."""

import random
from datetime import date, timedelta
from decimal import Decimal

from taxonomy.models import Example, Kind, TaxonomyNode

PLACES = [("TH", 18.79, 98.98), ("ME", 42.43, 18.70), ("HN", 16.32, -86.54),
          ("US", 37.77, -122.42), ("PT", 38.72, -9.14), ("KE", -1.29, 36.82),
          ("JP", 35.68, 139.69), ("AR", -34.60, -58.38), ("MT", None, None), ("", None, None)]
STATUSES = ["active", "past", "planned"]


def sample_tree():
    def node(name, slug, parent=None, **fields):
        kind = (Kind.ROOT if parent is None else Kind.SCALE if parent.parent is None
                else Kind.CATEGORY)
        created = TaxonomyNode(name=name, slug=slug, parent=parent, kind=kind, **fields)
        created.path = created.path_for(parent)
        created.save()
        return created

    root = node("Network societies", "network-societies")
    small = node("Small", "small", root, size_min=10, size_max=1000)
    villages = node("Pop-up villages", "pop-up-villages", small, size_min=50, size_max=300,
                    permanence="temporary")
    hubs = node("Hubs", "hubs", villages, size_min=10, size_max=100)
    large = node("Large", "large", root, size_min=100_000, size_max=100_000_000)
    states = node("Network states", "network-states", large, size_min=100_000)
    return [small, villages, hubs, large, states]


def place_examples(count, nodes, seed=13):
    """``count`` examples over ``nodes``, places (some only a country, some none), statuses,
    sizes and dates, bulk-inserted."""
    rng = random.Random(seed)
    rows = []
    for i in range(count):
        country, lat, lon = PLACES[i % len(PLACES)]
        start = date(2000, 1, 1) + timedelta(days=rng.randrange(0, 27 * 365))
        placed = lat is not None and i % 4
        rows.append(Example(
            name=f"Example {i:05d}", slug=f"example-{i}", status=STATUSES[i % 3],
            country=country, size=rng.choice([None, 40, 150, 2_000, 50_000, 3_000_000]),
            latitude=Decimal(f"{lat + rng.uniform(-3, 3):.4f}") if placed else None,
            longitude=Decimal(f"{lon + rng.uniform(-3, 3):.4f}") if placed else None,
            start_date=start if i % 6 else None,
            end_date=start + timedelta(days=rng.randrange(10, 2000)) if i % 3 == 1 else None,
        ))
    examples = Example.objects.bulk_create(rows, batch_size=1000)
    through = Example.nodes.through
    through.objects.bulk_create([
        through(example_id=e.pk, taxonomynode_id=nodes[i % len(nodes)].pk)
        for i, e in enumerate(examples)
    ], batch_size=2000)
    return examples
