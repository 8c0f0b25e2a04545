"""Forum benchmark: how fast a 15-post thread page is served, and with how many SQL queries.

The issue's yardstick is django-machina on this machine: about 39 requests/s and 13 queries for a
15-post topic. This script builds a scratch database with one such thread, serves it with gunicorn
(DEBUG off, as in production) and loads it with wrk (Debian's `wrk`) from loopback only.

    .venv/bin/python -m bench.forum_bench                     # SQLite, 1 and 2 workers
    .venv/bin/python -m bench.forum_bench --database postgres # scratch ns_bench_forum database

Not part of the test suite; it needs `wrk` (apt-get install wrk).
"""

import argparse
import os
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
POSTS = 15


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--database", choices=["sqlite", "postgres"], default="sqlite")
    parser.add_argument("--workers", default="1,2", help="gunicorn worker counts to measure")
    parser.add_argument("--seconds", type=int, default=10, help="length of each wrk run")
    parser.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        return setup_thread()
    if not shutil.which("wrk"):
        sys.exit("wrk is not installed: apt-get install wrk")

    workdir = Path(tempfile.mkdtemp(prefix="ns-bench-forum-"))
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "network_societies.settings", "DEBUG": "0",
           "SECRET_KEY": "bench-" + "x" * 50, "ALLOWED_HOSTS": "127.0.0.1",
           "SECURE_SSL_REDIRECT": "0", "VAR_DIR": str(workdir), "LOG_LEVEL": "ERROR"}
    env["DATABASE_URL"] = database_url(args.database, workdir)
    run = {"cwd": ROOT, "env": env, "check": True}
    subprocess.run([sys.executable, "manage.py", "migrate", "-v0"], **run)
    subprocess.run([sys.executable, "manage.py", "collectstatic", "--noinput", "-v0"], **run)
    out = subprocess.run([sys.executable, "-m", "bench.forum_bench", "--child"],
                         capture_output=True, text=True, **run).stdout.split()
    url, queries = out[-2], int(out[-1])

    print(f"\nForum benchmark: a {POSTS}-post thread on {args.database}, wrk {args.seconds}s, "
          f"8 connections\n")
    print(f"{'workers':>7} {'requests/s':>11} {'latency p50':>12} {'p99':>8} {'queries':>8}")
    for workers in map(int, args.workers.split(",")):
        rate, p50, p99 = serve_and_load(env, url, workers, args.seconds)
        print(f"{workers:>7} {rate:>11.1f} {p50:>12} {p99:>8} {queries:>8}")
    print("\n(django-machina on this machine, per the issue: about 39 requests/s, 13 queries)")


def database_url(kind, workdir):
    if kind == "sqlite":
        return f"sqlite:///{workdir / 'bench.sqlite3'}"
    import psycopg

    server = os.environ.get("BENCH_POSTGRES_URL", "postgres://postgres@127.0.0.1:5432")
    with psycopg.connect(f"{server}/postgres", autocommit=True) as conn:
        conn.execute('DROP DATABASE IF EXISTS "ns_bench_forum"')
        conn.execute('CREATE DATABASE "ns_bench_forum"')
    return f"{server}/ns_bench_forum"


def setup_thread():
    """In the scratch database: a node and a thread of POSTS posts by five people. Prints the
    thread's URL and the SQL queries an anonymous visitor's request makes."""
    import django

    django.setup()
    from django.contrib.auth import get_user_model
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from forum import actions
    from taxonomy.models import TaxonomyNode

    people = [get_user_model().objects.create_user(f"member{n}", f"m{n}@example.org", "x")
              for n in range(5)]
    node = TaxonomyNode.objects.create(name="Pop-up villages", slug="pop-up-villages",
                                       path="pop-up-villages", kind="category",
                                       tree_id=1, lft=1, rght=2, level=0)
    body = ("A **pop-up village** gathers about 150 people for a month. Is that the right size "
            "for the *small* scale, or does a [[Hubs|hub]] belong here too?\n\n- cost\n- time\n")
    thread = actions.start_thread(node=node, author=people[0], title="Where do hubs go?",
                                  body=body)
    for n in range(1, POSTS):
        actions.reply(thread_id=thread.pk, author=people[n % 5], body=f"Reply {n}. {body}")
    url = thread.get_absolute_url()
    client = Client(HTTP_HOST="127.0.0.1", secure=True)
    assert client.get(url).status_code == 200
    with CaptureQueriesContext(connection) as queries:
        client.get(url)
    print(url, len(queries))


def serve_and_load(env, url, workers, seconds):
    port = free_port()
    server = subprocess.Popen(
        [sys.executable, "-m", "gunicorn", "network_societies.wsgi", "-w", str(workers),
         "-b", f"127.0.0.1:{port}", "--log-level", "error"],
        cwd=ROOT, env=env,
    )
    try:
        wait_for(port)
        target = f"http://127.0.0.1:{port}{url}"
        # Production redirects http to https; wrk speaks plain http, so say it came via TLS.
        header = ["-H", "X-Forwarded-Proto: https"]
        subprocess.run(["wrk", "-t1", "-c4", "-d2s", *header, target], capture_output=True)
        out = subprocess.run(["wrk", "-t2", "-c8", f"-d{seconds}s", "--latency", *header, target],
                             capture_output=True, text=True, check=True).stdout
    finally:
        server.terminate()
        server.wait()
    if "Non-2xx" in out:
        sys.exit("the server answered errors:\n" + out)
    rate = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))
    # Only the "Latency Distribution" lines start with a bare percentile.
    p50 = re.search(r"^\s+50%\s+(\S+)", out, re.M).group(1)
    p99 = re.search(r"^\s+99%\s+(\S+)", out, re.M).group(1)
    return rate, p50, p99


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_for(port, timeout=20):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        with socket.socket() as sock:
            if sock.connect_ex(("127.0.0.1", port)) == 0:
                return
        time.sleep(0.2)
    sys.exit("gunicorn did not start")


if __name__ == "__main__":
    main()
