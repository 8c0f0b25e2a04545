"""What the page benchmarks share: a scratch database with production settings, and timing a
page through Django's test Client (median milliseconds and SQL queries per request)."""

import os
import statistics
import tempfile
import time
from pathlib import Path


def start_django(database="sqlite"):
    """Point Django at a fresh scratch database (SQLite file, or PostgreSQL on BENCH_POSTGRES_URL
    named BENCH_PAGES_DB, default ns_bench_pages), migrate it and return its URL."""
    workdir = Path(tempfile.mkdtemp(prefix="ns-bench-pages-"))
    os.environ["VAR_DIR"] = str(workdir)
    os.environ["DJANGO_SETTINGS_MODULE"] = "bench.settings"
    if database == "postgres":
        import psycopg

        server = os.environ.get("BENCH_POSTGRES_URL", "postgres://postgres@127.0.0.1:5432")
        name = os.environ.get("BENCH_PAGES_DB", "ns_bench_pages")
        with psycopg.connect(f"{server}/postgres", autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}"')
            conn.execute(f'CREATE DATABASE "{name}"')
        os.environ["DATABASE_URL"] = f"{server}/{name}"
    else:
        os.environ["DATABASE_URL"] = f"sqlite:///{workdir / 'bench.sqlite3'}"
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0, skip_checks=True)
    return os.environ["DATABASE_URL"]


def analyze():
    """Fresh planner statistics after bulk inserts, as autovacuum would gather on a live site
    (without them PostgreSQL guesses one row per table and picks poor plans)."""
    from django.db import connection

    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")


def time_page(client, url, repeat):
    """Median and best milliseconds of ``repeat`` GETs of ``url`` after one warm-up, and the
    SQL queries one request makes."""
    from django.db import connection

    response = client.get(url)
    assert response.status_code == 200, (url, response.status_code)
    queries = []
    # Counted with a wrapper, not CaptureQueriesContext: SQLite closes its connection after
    # every request here, and a fresh connection starts a fresh query log.
    with connection.execute_wrapper(lambda execute, sql, *args: queries.append(sql) or
                                    execute(sql, *args)):
        client.get(url)
    timings = []
    for _ in range(repeat):
        started = time.perf_counter()
        client.get(url)
        timings.append((time.perf_counter() - started) * 1000)
    return {
        "median_ms": round(statistics.median(timings), 1),
        "min_ms": round(min(timings), 1),
        "queries": len(queries),
        "bytes": len(response.content),
    }
