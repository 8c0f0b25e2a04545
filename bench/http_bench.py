"""HTTP benchmark: the site's views against the bare-Django floor (bench/floor.py), both under
the same gunicorn settings, driven by wrk in alternating rounds (floor, view, floor, view, …).
Prints, per view, requests per second and server CPU time per request, each as a ratio to the
floor measured right before it (median and min–max over the rounds), and SQL queries per request
(a first, uncached request and a repeated one). Not part of the test suite.

    apt-get install wrk
    .venv/bin/python -m bench.http_bench                        # PostgreSQL + Redis db 4
    .venv/bin/python -m bench.http_bench --database sqlite --no-redis --seconds 3 --rounds 3

The scratch database gets the default content, a member, a 20-post thread and a page with a rare
word; the search index is rebuilt. Gunicorn runs 2 sync workers per server, DEBUG off.
"""

import argparse
import os
import re
import socket
import statistics
import subprocess
import sys
import time
from pathlib import Path

from bench.common import analyze, start_django

ROOT = Path(__file__).resolve().parent.parent
SITE_PORT = 18104
RARE_WORD = "quokkaboat"


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--database", choices=["sqlite", "postgres"], default="postgres")
    parser.add_argument("--redis", default="redis://127.0.0.1:6379/4",
                        help="REDIS_URL for the site's cache (its db is flushed)")
    parser.add_argument("--no-redis", action="store_true", help="per-process local memory cache")
    parser.add_argument("--seconds", type=float, default=5)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--connections", type=int, default=4)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--views", default="",
                        help="only the views whose label contains one of these (comma-separated)")
    parser.add_argument("--port", type=int, default=SITE_PORT,
                        help="the site's port; the floor's is the next one")
    args = parser.parse_args()

    redis_url = "" if args.no_redis else args.redis
    if redis_url:
        os.environ["REDIS_URL"] = redis_url
    database_url = start_django(args.database)
    if redis_url:
        from django.core.cache import cache

        cache.clear()
    views, cookie = build_data()
    if args.views:
        wanted = args.views.split(",")
        views = [view for view in views if any(word in view[0] for word in wanted)]
    analyze()
    counts = {label: query_counts(url, signed_in) for label, url, signed_in in views}

    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "bench.settings", "DEBUG": "0",
           "DATABASE_URL": database_url, "REDIS_URL": redis_url}
    site_port, floor_port = args.port, args.port + 1
    servers = [
        gunicorn("network_societies.wsgi:application", site_port, args.workers, env),
        gunicorn("bench.floor:application", floor_port, args.workers, env),
    ]
    try:
        for server, port in zip(servers, (site_port, floor_port), strict=True):
            wait_for(port, server)
        for _label, url, signed_in in views:  # every worker loaded, every page cached once
            warm_up(site_port, url, {"Cookie": cookie} if signed_in else {})
        warm_up(floor_port, "/", {})
        results = {label: [] for label, _, _ in views}
        for round_number in range(args.rounds):
            for label, url, signed_in in views:
                headers = [f"Cookie: {cookie}"] if signed_in else []
                floor = load(servers[1], floor_port, "/", [], args)
                site = load(servers[0], site_port, url, headers, args)
                results[label].append((floor, site))
            print(f"round {round_number + 1} of {args.rounds} done", file=sys.stderr)
    finally:
        for server in servers:
            server.terminate()
            server.wait(timeout=30)
    report(args, views, results, counts)


def build_data():
    """Default content, a member with a session, a 20-post thread and a rare-word page. Returns
    the views and the member's Cookie header."""
    from importlib import import_module

    from django.conf import settings
    from django.contrib.auth import get_user_model
    from django.core.management import call_command
    from django.utils.crypto import get_random_string

    from forum import actions
    from search.maintenance import rebuild
    from taxonomy.models import TaxonomyNode
    from wiki.editing import save_page

    call_command("load_default_content", verbosity=0)
    member = get_user_model().objects.create_user("member", "member@example.org", "x")
    node = TaxonomyNode.objects.exclude(parent=None).first()
    thread = actions.start_thread(node=node, author=member, title="Twenty posts",
                                  body="The first post, with **some** markdown.")
    for n in range(19):
        actions.reply(thread_id=thread.pk, author=member, body=f"Reply {n}: [[network-societies]] "
                      "and a little *emphasis*.")
    save_page(path="rare", title="Rare", markdown=f"A page about the {RARE_WORD}.", author=None)
    rebuild()
    session = import_module(settings.SESSION_ENGINE).SessionStore()
    session["_auth_user_id"] = str(member.pk)
    session["_auth_user_backend"] = "django.contrib.auth.backends.ModelBackend"
    session["_auth_user_hash"] = member.get_session_auth_hash()
    session.create()
    page = "/network-societies"
    views = [
        ("anonymous page view", page, False),
        ("anonymous 20-post thread", thread.get_absolute_url(), False),
        ("anonymous taxonomy", "/taxonomy/", False),
        ("anonymous home page", "/", False),
        ("signed-in page view", page, True),
        ("signed-in 20-post thread", thread.get_absolute_url(), True),
        ("anonymous search, rare word", f"/search/?q={RARE_WORD}", False),
        ("signed-in search, rare word", f"/search/?q={RARE_WORD}", True),
    ]
    # A browser that has been here before also holds its CSRF cookie (a 32-character secret).
    return views, f"sessionid={session.session_key}; csrftoken={get_random_string(32)}"


def query_counts(url, signed_in):
    """SQL queries of a first request and of one repeated as wrk repeats it (a page cache hit;
    signed in, the first request after signing in also notes the session's last-seen time, so
    the third is the steady state)."""
    from django.contrib.auth import get_user_model
    from django.core.cache import cache
    from django.db import connection
    from django.test import Client

    client = Client()
    if signed_in:
        client.force_login(get_user_model().objects.get(username="member"))
    counts = []
    cache.clear()
    for _ in range(3):
        queries = []

        def count(execute, sql, *rest, queries=queries):
            queries.append(sql)
            return execute(sql, *rest)

        with connection.execute_wrapper(count):
            response = client.get(url)
        assert response.status_code == 200, (url, response.status_code)
        counts.append(len(queries))
    return counts[0], counts[-1]


def gunicorn(app, port, workers, env):
    return subprocess.Popen(
        [sys.executable, "-m", "gunicorn", app, "--bind", f"127.0.0.1:{port}", "--workers",
         str(workers), "--worker-class", "sync", "--log-level", "warning"],
        cwd=ROOT, env=env,
    )


def wait_for(port, process):
    for _ in range(300):
        if process.poll() is not None:
            sys.exit(f"gunicorn on {port} exited")
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
            return
        except OSError:
            time.sleep(0.1)
    sys.exit(f"gunicorn on {port} did not start")


def warm_up(port, path, headers, times=6):
    import urllib.request

    for _ in range(times):
        request = urllib.request.Request(f"http://127.0.0.1:{port}{path}", headers=headers)
        with urllib.request.urlopen(request, timeout=60) as response:
            response.read()


def cpu_seconds(master):
    """User + system CPU seconds of a gunicorn master and its workers so far."""
    total = 0.0
    tick = os.sysconf("SC_CLK_TCK")
    for pid in [master.pid, *children(master.pid)]:
        try:
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        except FileNotFoundError:
            continue
        total += (int(fields[11]) + int(fields[12])) / tick
    return total


def children(pid):
    found = []
    for task in Path(f"/proc/{pid}/task").iterdir():
        found += (task / "children").read_text().split()
    return found


def load(server, port, path, headers, args):
    """Requests per second and CPU milliseconds per request of one wrk run."""
    command = ["wrk", "-t1", f"-c{args.connections}", f"-d{args.seconds:g}s"]
    for header in headers:
        command += ["-H", header]
    command.append(f"http://127.0.0.1:{port}{path}")
    before = cpu_seconds(server)
    output = subprocess.run(command, capture_output=True, text=True, check=True).stdout
    used = cpu_seconds(server) - before
    if "Non-2xx" in output:
        sys.exit(f"{path}: some responses were not 2xx or 3xx:\n{output}")
    requests = int(re.search(r"(\d+) requests in", output).group(1))
    if not requests:
        sys.exit(f"{path}: no request completed in {args.seconds:g} s:\n{output}")
    return {"rps": float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1)),
            "cpu_ms": 1000 * used / max(requests, 1)}


def report(args, views, results, counts):
    cache = "Redis" if not args.no_redis else "local memory"
    print(f"\nHTTP benchmark on {args.database}, {cache} cache: gunicorn {args.workers} sync "
          f"workers, wrk {args.connections} connections, {args.rounds} rounds of "
          f"{args.seconds:g} s per view, alternating with the floor.\n")
    print(f"{'view':<30} {'req/s':>7} {'× floor':>8} {'(min–max)':>12} {'CPU ms':>7} "
          f"{'× floor':>8} {'(min–max)':>12} {'queries':>9}")
    floor_rps = [floor["rps"] for pairs in results.values() for floor, _ in pairs]
    floor_cpu = [floor["cpu_ms"] for pairs in results.values() for floor, _ in pairs]
    for label, _, _ in views:
        pairs = results[label]
        rps_ratios = [site["rps"] / floor["rps"] for floor, site in pairs]
        cpu_ratios = [floor["cpu_ms"] / site["cpu_ms"] for floor, site in pairs]
        first, repeat = counts[label]
        print(f"{label:<30} {statistics.median(s['rps'] for _, s in pairs):>7.0f} "
              f"{statistics.median(rps_ratios):>8.2f} "
              f"{f'({min(rps_ratios):.2f}–{max(rps_ratios):.2f})':>12} "
              f"{statistics.median(s['cpu_ms'] for _, s in pairs):>7.2f} "
              f"{statistics.median(cpu_ratios):>8.2f} "
              f"{f'({min(cpu_ratios):.2f}–{max(cpu_ratios):.2f})':>12} "
              f"{f'{first}/{repeat}':>9}")
    print(f"\nfloor: median {statistics.median(floor_rps):.0f} req/s, "
          f"{statistics.median(floor_cpu):.2f} CPU ms per request. CPU × floor is floor CPU "
          "per request over the view's (higher is better, like req/s). queries: a first "
          "request / a repeated one.")


if __name__ == "__main__":
    main()
