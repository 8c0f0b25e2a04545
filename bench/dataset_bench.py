"""Examples dataset benchmark: the directory, its filters, comparison, the unsourced list and
spreadsheet export/import at 100 and 10,000 examples, timed through Django's test Client (median
ms and SQL queries per request). Not part of the test suite.

    .venv/bin/python -m bench.dataset_bench                  # SQLite scratch database
    .venv/bin/python -m bench.dataset_bench --database postgres --repeat 10

What matters is the ratio: a page at 10,000 examples against the same page at 100 (the queries
are the same number at both sizes), and against /healthz, the cheapest view that touches the
database. Production settings (DEBUG off, cached templates), a signed-in Editor (so the
anonymous page cache never answers).
"""

import argparse
import io
import time

from bench.common import analyze, start_django, time_page

PAGES = [
    ("directory", "/examples/"),
    ("filtered", "/examples/?scale=small&status=past&active_from=2010&active_to=2020"
                 "&size_min=100&sort=-size"),
    ("facets+country", "/examples/?facet=economic-models:shared-treasury&country=TH"
                       "&sources=no"),
    ("page 20, by start", "/examples/?sort=start&page=20"),
    ("compare 5", "/examples/-/compare/?e=bulk-00001&e=bulk-00002&e=bulk-00003&e=bulk-00004"
                  "&e=bulk-00005"),
    ("unsourced", "/examples/-/unsourced/?fact=size"),
    ("healthz (reference)", "/healthz"),
]


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="100,10000", help="numbers of examples")
    parser.add_argument("--repeat", type=int, default=5, help="timed requests per page")
    parser.add_argument("--database", choices=["sqlite", "postgres"], default="sqlite")
    args = parser.parse_args()
    start_django(args.database)
    from django.contrib.auth import get_user_model
    from django.contrib.auth.models import Group
    from django.test import Client

    from taxonomy import default_content

    default_content.load(io.StringIO())
    editor = get_user_model().objects.create_user("bench-editor", password="x")  # noqa: S106
    editor.groups.add(Group.objects.get_or_create(name="Editors")[0])
    client = Client()
    client.force_login(editor)
    results = {}
    for size in map(int, args.sizes.split(",")):
        build(size)
        analyze()
        print(f"\n{size:,} examples on {args.database}, median of {args.repeat}")
        print(f"{'page':<22} {'median ms':>10} {'best ms':>8} {'queries':>8} {'KB':>6}")
        for name, url in PAGES:
            row = time_page(client, url, args.repeat)
            results[(size, name)] = row
            print(f"{name:<22} {row['median_ms']:>10} {row['min_ms']:>8} {row['queries']:>8} "
                  f"{row['bytes'] // 1024:>6}")
        spreadsheet_times(size)
    sizes = [int(s) for s in args.sizes.split(",")]
    if len(sizes) > 1:
        small, large = sizes[0], sizes[-1]
        print(f"\nRatios: {large:,} examples against {small:,}, and against /healthz")
        reference = results[(large, "healthz (reference)")]["median_ms"] or 1
        for name, _url in PAGES[:-1]:
            low = results[(small, name)]["median_ms"] or 1
            high = results[(large, name)]["median_ms"]
            print(f"{name:<22} ×{high / low:>5.1f} of {small:,}   ×{high / reference:>6.1f} of "
                  "healthz")


def spreadsheet_times(size):
    """Export of the whole table in each format, and a preview of importing the CSV back."""
    from taxonomy import spreadsheets
    from taxonomy.directory import order
    from taxonomy.models import Example

    csv = None
    for file_format in ("csv", "xlsx", "ods"):
        started = time.perf_counter()
        body = spreadsheets.export(order(Example.objects.active(), "name"), file_format)[0]
        took = (time.perf_counter() - started) * 1000
        csv = body if file_format == "csv" else csv
        print(f"export {file_format:<15} {took:>10.0f} ms for {len(body) // 1024:,} KB")
    if size <= 5_000:
        started = time.perf_counter()
        file_format, headers, rows = spreadsheets.read(csv)
        planned, errors = spreadsheets.plan(headers, rows)
        took = (time.perf_counter() - started) * 1000
        unchanged = sum(row["action"] == "unchanged" for row in planned)
        print(f"import preview (csv)   {took:>10.0f} ms: {unchanged:,} of {len(planned):,} "
              f"rows unchanged, {len(errors)} errors")


def build(total):
    """Replace the examples with ``total`` generated ones (bulk inserts)."""
    from taxonomy.models import Example
    from tests.taxonomy.corpus import bulk_examples

    Example.objects.all().delete()
    bulk_examples(total)


if __name__ == "__main__":
    main()
