"""Taxonomy benchmark: how long /taxonomy/ takes to render with 10, 100 and 1,000 nodes, and
with how many SQL queries (the same at every size). Not part of the test suite.

    .venv/bin/python -m bench.taxonomy_bench                 # SQLite scratch database
    .venv/bin/python -m bench.taxonomy_bench --sizes 1000 --repeat 20 --database postgres

Production settings (DEBUG off, cached templates), an anonymous visitor, Django's test Client.
"""

import argparse

from bench.common import analyze, start_django, time_page


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="10,100,1000", help="numbers of nodes")
    parser.add_argument("--repeat", type=int, default=10, help="timed requests per size")
    parser.add_argument("--database", choices=["sqlite", "postgres"], default="sqlite")
    args = parser.parse_args()
    start_django(args.database)
    from django.test import Client

    print(f"\nTaxonomy benchmark: /taxonomy/ on {args.database}, median of {args.repeat}\n")
    print(f"{'nodes':>6} {'median ms':>10} {'best ms':>8} {'queries':>8} {'KB':>6}")
    for size in map(int, args.sizes.split(",")):
        build_tree(size)
        analyze()
        row = time_page(Client(), "/taxonomy/", args.repeat)
        print(f"{size:>6} {row['median_ms']:>10} {row['min_ms']:>8} {row['queries']:>8} "
              f"{row['bytes'] // 1024:>6}")


def build_tree(total):
    """Replace the tree with ``total`` nodes: a root, three scales and categories spread over
    them (mptt fields computed here, by bulk inserts), one example per ten categories."""
    from django.db import transaction

    from taxonomy.models import Example, Kind, TaxonomyNode

    categories = max(total - 4, 0)
    with transaction.atomic():
        Example.objects.all().delete()
        for level in (2, 1, 0):
            TaxonomyNode.objects.filter(level=level).delete()
        per_scale = [categories // 3 + (1 if i < categories % 3 else 0) for i in range(3)]
        root = TaxonomyNode.objects.create(
            name="Network societies", slug="ns", path="", kind=Kind.ROOT, tree_id=1,
            lft=1, rght=2 + 2 * (3 + categories), level=0,
            summary="Network societies classified by scale.",
        )
        nodes, counter = [], 2
        permanences = ["temporary", "permanent", "evolving", ""]
        for index, (slug, count) in enumerate(zip(["small", "medium", "large"], per_scale,
                                                  strict=True)):
            scale = TaxonomyNode.objects.create(
                name=slug.title(), slug=slug, path=slug, kind=Kind.SCALE, parent=root,
                order=index, tree_id=1, lft=counter, rght=counter + 1 + 2 * count, level=1,
                size_min=10 ** (index * 2 + 1), size_max=10 ** (index * 2 + 3),
            )
            for i in range(count):
                lft = scale.lft + 1 + 2 * i
                nodes.append(TaxonomyNode(
                    name=f"{slug.title()} category {i}", slug=f"c{i}", path=f"{slug}/c{i}",
                    kind=Kind.CATEGORY, parent=scale, order=i, tree_id=1, lft=lft,
                    rght=lft + 1, level=2, summary=f"A kind of {slug} network society, number {i}.",
                    size_min=10 ** (index * 2 + 1) + i, size_max=10 ** (index * 2 + 2) + i,
                    permanence=permanences[i % 4],
                ))
            counter += 2 + 2 * count
        TaxonomyNode.objects.bulk_create(nodes, batch_size=500)
        categories = list(TaxonomyNode.objects.filter(level=2).order_by("lft"))
        for i, node in enumerate(categories[::10]):
            example = Example.objects.create(name=f"Example {i}", slug=f"example-{i}",
                                             summary="A real network society.")
            example.nodes.add(node)


if __name__ == "__main__":
    main()
