"""Pictures and API benchmark: the map, the timeline, the scale diagram (/taxonomy/) and the
API's list views with 10,000 examples, timed through Django's test Client (median ms, SQL
queries, size), each also as a ratio to /healthz (the cheapest view of the same stack).
Not part of the test suite.

    .venv/bin/python -m bench.pictures_bench                          # SQLite scratch database
    .venv/bin/python -m bench.pictures_bench --examples 10000 --database postgres

A signed-in visitor, so the page cache does not answer for the views (an anonymous one would be
served from it after the first request). Production settings (DEBUG off, cached templates).
"""

import argparse
import io
import time

from bench.common import analyze, start_django, time_page

URLS = [
    ("map", "/examples/-/map/"),
    ("map, one country", "/examples/-/map/?country=TH"),
    ("timeline", "/examples/-/timeline/"),
    ("timeline, page 100", "/examples/-/timeline/?page=100"),
    ("timeline, active 2020-2024", "/examples/-/timeline/?active_from=2020&active_to=2024"),
    ("taxonomy page with diagram", "/taxonomy/"),
    ("API examples, 100 a page", "/api/examples/?page_size=100"),
    ("API examples, filtered", "/api/examples/?country=TH&status=active&page=2"),
    ("API categories tree", "/api/categories/"),
    ("API threads", "/api/threads/"),
    ("API pages", "/api/pages/"),
]


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--examples", type=int, default=10_000)
    parser.add_argument("--repeat", type=int, default=10, help="timed requests per page")
    parser.add_argument("--database", choices=["sqlite", "postgres"], default="sqlite")
    args = parser.parse_args()
    start_django(args.database)
    started = time.perf_counter()
    build_data(args.examples)
    analyze()
    print(f"\nPictures and API benchmark on {args.database}, {args.examples:,} examples (built "
          f"in {time.perf_counter() - started:.0f} s); median of {args.repeat}, signed in\n")
    from django.contrib.auth import get_user_model
    from django.test import Client

    client = Client()
    client.force_login(get_user_model().objects.create_user("bench", "bench@example.org", "x"))
    floor = time_page(client, "/healthz", args.repeat)["median_ms"] or 0.1
    print(f"{'view':<30} {'median ms':>10} {'× /healthz':>11} {'queries':>8} {'KB':>6}")
    for label, url in URLS:
        row = time_page(client, url, args.repeat)
        print(f"{label:<30} {row['median_ms']:>10} {row['median_ms'] / floor:>11.1f} "
              f"{row['queries']:>8} {row['bytes'] // 1024:>6}")
    print(f"\n/healthz: {floor} ms")


def build_data(count):
    """The default content, then ``count`` examples over its categories: places around real
    cities (a quarter with only a country), sizes, statuses and dates."""
    import random
    from datetime import date, timedelta
    from decimal import Decimal

    from django.core.management import call_command

    from taxonomy.models import Example, TaxonomyNode

    call_command("load_default_content", stdout=io.StringIO())
    nodes = list(TaxonomyNode.objects.filter(level__gte=2))
    cities = [("TH", 18.79, 98.98), ("ME", 42.43, 18.70), ("HN", 16.32, -86.54),
              ("US", 37.77, -122.42), ("PT", 38.72, -9.14), ("KE", -1.29, 36.82),
              ("JP", 35.68, 139.69), ("AR", -34.60, -58.38), ("DE", 52.52, 13.40),
              ("IN", 12.97, 77.59)]
    rng = random.Random(7)
    rows = []
    for i in range(count):
        country, lat, lon = rng.choice(cities)
        placed = i % 4
        start = date(1995, 1, 1) + timedelta(days=rng.randrange(0, 32 * 365))
        rows.append(Example(
            name=f"Bench example {i:05d}", slug=f"bench-{i}",
            status=rng.choice(["active", "past", "planned"]), country=country,
            latitude=Decimal(f"{lat + rng.uniform(-4, 4):.4f}") if placed else None,
            longitude=Decimal(f"{lon + rng.uniform(-4, 4):.4f}") if placed else None,
            size=rng.choice([None, 30, 150, 400, 2_000, 40_000, 900_000]),
            start_date=start if i % 7 else None,
            end_date=start + timedelta(days=rng.randrange(5, 3000)) if i % 3 == 0 else None,
        ))
    examples = Example.objects.bulk_create(rows, batch_size=1000)
    through = Example.nodes.through
    through.objects.bulk_create(
        [through(example_id=e.pk, taxonomynode_id=rng.choice(nodes).pk) for e in examples],
        batch_size=2000)


if __name__ == "__main__":
    main()
