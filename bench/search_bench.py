"""Search benchmark: generate N wiki pages, time a full index rebuild and a fixed set of queries
on each backend, and print a table. Not part of the test suite.

    .venv/bin/python -m bench.search_bench                   # 10,000 pages, both backends
    .venv/bin/python -m bench.search_bench --pages 500 --backends whoosh

Whoosh runs on a temporary SQLite database; PostgreSQL on a scratch database (default ns_bench,
recreated each run) on the server of BENCH_POSTGRES_URL (postgres://postgres@127.0.0.1:5432).
Each backend runs in its own process, because settings are read from the environment at start.
"""

import argparse
import json
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
QUERIES = [
    "village", "network state", '"pop-up city"', "governance -charter", "hub OR coliving",
    "chiang mai", "decentralized autonomous community", "zzzznotfound",
]
WORDS = (  # noqa: SIM905  (a paragraph reads better than 60 quoted words)
    "network society village city hub coliving coworking governance charter startup state "
    "nation archipelago confederacy manifesto community founders residents digital nomads "
    "decentralized autonomous pop-up temporary permanent evolving experiment culture economy "
    "housing education health energy land treaty citizenship token vote consensus festival "
    "chiang mai lisbon prospera zuzalu vitalia montenegro bali mexico kenya island coast "
    "mountain river forest desert harbor bridge garden library market workshop kitchen"
).split()
TAGS = ["Asia", "Europe", "Africa", "Americas", "Governance", "Housing", "Economy", "Culture"]


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=int, default=10_000)
    parser.add_argument("--backends", default="whoosh,postgres")
    parser.add_argument("--repeat", type=int, default=20, help="runs of each query")
    parser.add_argument("--child", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        print(json.dumps(run_backend(args.child, args.pages, args.repeat)))
        return
    rows = [measure(name, args) for name in args.backends.split(",")]
    print_table(rows, args.pages)


def measure(backend, args):
    env = migrated_env(backend, "ns-bench", "ns_bench")
    out = subprocess.run(
        [sys.executable, "-m", "bench.search_bench", "--child", backend,
         "--pages", str(args.pages), "--repeat", str(args.repeat)],
        cwd=ROOT, env=env, check=True, capture_output=True, text=True,
    ).stdout
    return json.loads(out.strip().splitlines()[-1])


def migrated_env(backend, prefix, database):
    """The environment of a child run on ``backend``: a scratch VAR_DIR and a migrated scratch
    database (PostgreSQL's ``database``, recreated, or a SQLite file in the VAR_DIR)."""
    workdir = Path(tempfile.mkdtemp(prefix=f"{prefix}-{backend}-"))
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "network_societies.settings", "DEBUG": "1",
           "SECRET_KEY": "bench", "VAR_DIR": str(workdir), "SEARCH_BACKEND": backend}
    if backend == "postgres":
        server = os.environ.get("BENCH_POSTGRES_URL", "postgres://postgres@127.0.0.1:5432")
        name = os.environ.get("BENCH_POSTGRES_DB", database)
        recreate_database(server, name)
        env["DATABASE_URL"] = f"{server}/{name}"
    else:
        env["DATABASE_URL"] = f"sqlite:///{workdir / 'bench.sqlite3'}"
    subprocess.run([sys.executable, "manage.py", "migrate", "--skip-checks", "-v0"],
                   cwd=ROOT, env=env, check=True)
    return env


def recreate_database(server, name):
    import psycopg

    with psycopg.connect(f"{server}/postgres", autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}"')
        conn.execute(f'CREATE DATABASE "{name}"')


def run_backend(backend, pages, repeat):
    import django

    django.setup()
    from search.maintenance import rebuild
    from search.results import search_site

    generate_pages(pages)
    started = time.perf_counter()
    indexed = rebuild(chunk_size=1000)
    build_seconds = time.perf_counter() - started
    timings, hits = [], {}
    for text in QUERIES:
        outcome = search_site(text)  # warm up
        hits[text] = outcome.page.paginator.count if outcome.page else 0
        for _ in range(repeat):
            started = time.perf_counter()
            search_site(text)
            timings.append((time.perf_counter() - started) * 1000)
    timings.sort()
    return {
        "backend": backend, "indexed": indexed, "build_s": round(build_seconds, 1),
        "median_ms": round(statistics.median(timings), 1),
        "p95_ms": round(timings[int(len(timings) * 0.95) - 1], 1), "hits": hits,
    }


def generate_pages(count):
    """Pages with one revision each and a few tags, by bulk inserts (no signals, no outbox)."""
    from django.db import transaction
    from django.utils import timezone

    from markup import RENDERER_VERSION, render_markdown
    from wiki.models import Page, Revision, Tag

    rng = random.Random(42)
    filler = vocabulary(rng)
    now = timezone.now()
    with transaction.atomic():
        tags = Tag.objects.for_names(TAGS)
        pages = Page.objects.bulk_create([
            Page(path=f"bench/page-{n}", path_key=f"bench/page-{n}",
                 title=" ".join(rng.sample(WORDS, 3)).title(),
                 description=" ".join(rng.sample(WORDS, 8)), created_at=now, updated_at=now)
            for n in range(count)
        ], batch_size=1000)
        pages = list(Page.objects.filter(path__startswith="bench/").order_by("pk"))
        # Rendered here, as a real save does, so the timed rebuild measures indexing only.
        bodies = [body(rng, filler) for _ in pages]
        revisions = Revision.objects.bulk_create([
            Revision(page=page, number=1, title=page.title, description=page.description,
                     markdown=text, html=render_markdown(text).html,
                     renderer_version=RENDERER_VERSION, created_at=now)
            for page, text in zip(pages, bodies, strict=True)
        ], batch_size=1000)
        by_page = {r.page_id: r for r in Revision.objects.filter(page__in=pages)}
        for page in pages:
            page.current_revision = by_page[page.pk]
        Page.objects.bulk_update(pages, ["current_revision"], batch_size=1000)
        Page.tags.through.objects.bulk_create([
            Page.tags.through(page_id=page.pk, tag_id=tag.pk)
            for page in pages for tag in rng.sample(tags, 2)
        ], batch_size=2000)
    return len(revisions)


SYLLABLES = "ka lo mi ne ru ta vi so pe da ri no gu le ma fi zo be ho sa tu ke ni wa".split()  # noqa: SIM905
DOMAIN_SHARE = 0.03  # of the words in a body; the rest follow Zipf's law like real prose


def vocabulary(rng, size=6000):
    """Made-up words ranked for a Zipf distribution, so a query matches a realistic share of
    pages (a tiny vocabulary makes every query match every page: a worst case, not a benchmark)."""
    words = set()
    while len(words) < size:
        words.add("".join(rng.choices(SYLLABLES, k=rng.randint(2, 4))))
    ranked = sorted(words)
    rng.shuffle(ranked)
    weights = [1 / rank for rank in range(1, size + 1)]
    return ranked, weights


def body(rng, filler):
    ranked, weights = filler

    def paragraph():
        n = rng.randint(40, 120)
        words = rng.choices(ranked, weights=weights, k=n)
        for i in range(n):
            if rng.random() < DOMAIN_SHARE:
                words[i] = rng.choice(WORDS)
        return " ".join(words)

    paragraphs = [paragraph() for _ in range(4)]
    return "\n\n".join(f"## {p[:30]}\n\n{p}." for p in paragraphs)


def print_table(rows, pages):
    print(f"\nSearch benchmark: {pages} pages, {len(QUERIES)} queries\n")
    print(f"{'backend':<10} {'indexed':>8} {'rebuild s':>10} {'median ms':>10} {'p95 ms':>8}")
    for row in rows:
        print(f"{row['backend']:<10} {row['indexed']:>8} {row['build_s']:>10} "
              f"{row['median_ms']:>10} {row['p95_ms']:>8}")
    print("\nhits per query:")
    for text in QUERIES:
        print(f"  {text:<40} " + "  ".join(f"{r['backend']}={r['hits'][text]}" for r in rows))


if __name__ == "__main__":
    main()
