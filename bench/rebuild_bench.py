"""Rebuild benchmark: generate N wiki pages (bench/search_bench.py's corpus), time a full
``search_rebuild`` on each backend and print wall seconds with the CPU seconds behind them (this
process, its workers, and the PostgreSQL server process of its connection). Not part of the
test suite.

    .venv/bin/python -m bench.rebuild_bench                        # 10,000 pages, both backends
    .venv/bin/python -m bench.rebuild_bench --pages 2000 --backends whoosh --processes 1

On a shared machine the wall time follows the load; the CPU seconds do not. The critical path
(the busiest of the writer process, the database server and the workers' share per core) is
what an idle machine with this many cores would take. Whoosh runs on a temporary SQLite
database; PostgreSQL on a scratch database (BENCH_POSTGRES_DB, default ns_bench_rebuild,
recreated) on BENCH_POSTGRES_URL's server.
"""

import argparse
import json
import os
import resource
import subprocess
import sys
import time
from pathlib import Path

from bench.search_bench import ROOT, migrated_env


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=int, default=10_000)
    parser.add_argument("--backends", default="whoosh,postgres")
    parser.add_argument("--processes", type=int, default=0, help="0: one per core")
    parser.add_argument("--child", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        print(json.dumps(run(args.child, args.pages, args.processes or None)))
        return
    rows = [measure(name, args) for name in args.backends.split(",")]
    load = os.getloadavg()
    print(f"\nRebuild of {args.pages} pages, {os.cpu_count()} cores, load average "
          f"{load[0]:.1f} / {load[1]:.1f} / {load[2]:.1f}\n")
    print(f"{'backend':<10} {'docs':>6} {'wall s':>7} {'CPU s: writer':>14} {'workers':>8} "
          f"{'database':>9} {'critical path s':>16}")
    for row in rows:
        print(f"{row['backend']:<10} {row['indexed']:>6} {row['wall']:>7.1f} "
              f"{row['writer']:>14.1f} {row['workers']:>8.1f} {row['database']:>9.1f} "
              f"{row['critical']:>16.1f}")


def measure(backend, args):
    env = migrated_env(backend, "ns-rebuild", "ns_bench_rebuild")
    out = subprocess.run(
        [sys.executable, "-m", "bench.rebuild_bench", "--child", backend, "--pages",
         str(args.pages), "--processes", str(args.processes)],
        cwd=ROOT, env=env, check=True, capture_output=True, text=True,
    ).stdout
    return json.loads(out.strip().splitlines()[-1])


def run(backend, pages, processes):
    import django

    django.setup()
    from django.db import connection

    from bench.search_bench import generate_pages
    from search.maintenance import rebuild

    generate_pages(pages)
    children_before = _cpu(resource.RUSAGE_CHILDREN)
    started, writer_before = time.perf_counter(), _cpu(resource.RUSAGE_SELF)
    indexed = rebuild(chunk_size=500, processes=processes)
    wall = time.perf_counter() - started
    writer = _cpu(resource.RUSAGE_SELF) - writer_before
    workers = _cpu(resource.RUSAGE_CHILDREN) - children_before
    database = 0.0
    if connection.vendor == "postgresql":
        # The connection the rebuild wrote through (opened after the workers were forked).
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_backend_pid()")
            database = _process_cpu(cursor.fetchone()[0])
    cores = os.cpu_count() or 1
    return {
        "backend": backend, "indexed": indexed, "wall": wall, "writer": writer,
        "workers": workers, "database": database,
        "critical": max(writer, database, (writer + workers + database) / cores),
    }


def _cpu(who):
    usage = resource.getrusage(who)
    return usage.ru_utime + usage.ru_stime


def _process_cpu(pid):
    """User + system CPU seconds of a process on this machine (the database server's)."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except FileNotFoundError:
        return 0.0
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


if __name__ == "__main__":
    main()
