"""Search at scale: a rare word against common ones, at 10,000 and 100,000 documents, per
backend. A results page should cost about the same whatever the number of matches (bounded
candidates, estimated counts): the table prints each query's median time and its ratio to the
rare word's. The rare word is in 25 documents, so its results fill a page too: every query shows
20 results with their snippets, and the ratio measures what more matches cost. Not part of the
test suite.

    .venv/bin/python -m bench.search_scale_bench                         # both backends
    .venv/bin/python -m bench.search_scale_bench --sizes 10000 --backends whoosh

Documents are generated in bulk straight into the backend (no database rows: the results page
drops hits it cannot find, as it does for an index that lags, so what is timed is the backend,
the grouping and the snippets of one page). PostgreSQL runs on a scratch database (ns_bench by
default, recreated) of BENCH_POSTGRES_URL's server; Whoosh in a temporary folder.
"""

import argparse
import json
import random
import statistics
import subprocess
import sys
import time

from bench.search_bench import ROOT, WORDS, migrated_env, vocabulary

RARE = "quetzal"  # in 25 documents: one full page of results
COMMON = "village"  # in about 4% of documents: hundreds at 10k, thousands at 100k
VERY_COMMON = "network"  # in about 30%
QUERIES = [RARE, COMMON, VERY_COMMON, f"{COMMON} {VERY_COMMON}"]


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="10000,100000")
    parser.add_argument("--backends", default="whoosh,postgres")
    parser.add_argument("--repeat", type=int, default=15, help="runs of each query")
    parser.add_argument("--child", help=argparse.SUPPRESS)
    args = parser.parse_args()
    sizes = [int(size) for size in args.sizes.split(",")]
    if args.child:
        print(json.dumps(run_backend(args.child, sizes, args.repeat)))
        return
    rows = [row for name in args.backends.split(",") for row in measure(name, args)]
    print_table(rows)


def measure(backend, args):
    env = migrated_env(backend, "ns-scale", "ns_bench")
    out = subprocess.run(
        [sys.executable, "-m", "bench.search_scale_bench", "--child", backend,
         "--sizes", args.sizes, "--repeat", str(args.repeat)],
        cwd=ROOT, env=env, check=True, capture_output=True, text=True,
    ).stdout
    return json.loads(out.strip().splitlines()[-1])


def run_backend(backend_name, sizes, repeat):
    import django

    django.setup()
    from django.db import connection

    from search.backends import get_backend
    from search.results import search_site

    backend = get_backend()
    rows = []
    for size in sizes:
        started = time.perf_counter()
        with backend.batch(clear=True) as writer:
            for chunk in documents(size):
                writer.add_many(chunk)
        load_s = time.perf_counter() - started
        if connection.vendor == "postgresql":
            # What autovacuum does soon after a bulk load: statistics for the planner, and the
            # GIN index's pending list merged (until then every search reads all of it).
            with connection.cursor() as cursor:
                cursor.execute("VACUUM ANALYZE search_searchentry")
        row = {"backend": backend_name, "documents": size, "load_s": round(load_s, 1),
               "queries": {}}
        timer = wall_ms if connection.vendor == "postgresql" else cpu_ms
        for text in QUERIES:
            outcome = search_site(text)  # warm up
            timings = [timer(search_site, text) for _ in range(repeat)]
            row["queries"][text] = {
                "ms": round(statistics.median(timings), 2),
                "count": outcome.count, "estimated": outcome.estimated,
            }
        rows.append(row)
    return rows


def cpu_ms(fn, *args):
    """Whoosh works in this process: its CPU time, which other agents' load does not inflate."""
    started = time.process_time()
    fn(*args)
    return (time.process_time() - started) * 1000


def wall_ms(fn, *args):
    """PostgreSQL does its work in the server process, which the client's CPU time misses."""
    started = time.perf_counter()
    fn(*args)
    return (time.perf_counter() - started) * 1000


def documents(count, chunk_size=2000):
    """Chunks of made-up documents: Zipf-distributed filler with the timed words planted."""
    from search.index import Document

    rng = random.Random(19)
    ranked, weights = vocabulary(rng)
    rare = set(rng.sample(range(count), 25))
    chunk = []
    for n in range(count):
        words = rng.choices(ranked, weights=weights, k=rng.randint(15, 40))
        for i in range(len(words)):
            if rng.random() < 0.03:
                words[i] = rng.choice(WORDS)
        if n in rare:
            words.insert(rng.randrange(len(words)), RARE)
        if rng.random() < 0.04:
            words.insert(rng.randrange(len(words)), COMMON)
        if rng.random() < 0.3:
            words.insert(rng.randrange(len(words)), VERY_COMMON)
        title = " ".join(rng.sample(ranked[:2000], 3)).title()
        body = ". ".join(" ".join(words[i:i + 15]) for i in range(0, len(words), 15)) + "."
        chunk.append(Document(model="bench.document", pk=str(n), search_type="pages",
                              title=title, texts={"A": title, "D": body}))
        if len(chunk) >= chunk_size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


def print_table(rows):
    print("\nSearch at scale: median ms per results page (PostgreSQL: wall time; Whoosh: CPU time)")
    print("and each query's ratio to the rare word's; 'about' marks an estimated count.\n")
    header = f"{'backend':<9} {'documents':>9} {'load s':>7}  " + "  ".join(
        f"{text:>24}" for text in QUERIES)
    print(header)
    for row in rows:
        rare = row["queries"][RARE]["ms"] or 0.01
        cells = []
        for text in QUERIES:
            q = row["queries"][text]
            count = f"{'~' if q['estimated'] else ''}{q['count']}"
            cells.append(f"{q['ms']:>7} ms {q['ms'] / rare:>4.1f}x {count:>7}")
        print(f"{row['backend']:<9} {row['documents']:>9} {row['load_s']:>7}  "
              + "  ".join(f"{cell:>24}" for cell in cells))


if __name__ == "__main__":
    main()
