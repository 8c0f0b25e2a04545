"""Several OS processes (like gunicorn workers) write at once to one database, while two task
workers apply their index updates and two more processes search through the view; afterwards the
index holds exactly what the database holds, and no search answered 500 (during or after).

On SQLite the processes share a database file and a Whoosh folder. When DATABASE_URL points at
PostgreSQL, the same runs on a scratch PostgreSQL database with each backend, as a site with
several app servers would.
"""

import json
import subprocess
import sys
import time

import pytest

from tests.scratch import ROOT, run, scratch_database, site_env

WRITERS = 3


@pytest.mark.parametrize("database,backend", [
    ("sqlite", "whoosh"), ("postgres", "whoosh"), ("postgres", "postgres"),
])
def test_concurrent_writers_leave_index_equal_to_database(tmp_path, database, backend):
    with scratch_database(database, tmp_path) as database_url:
        env = site_env(tmp_path, database_url, SEARCH_BACKEND=backend)
        workers = [
            subprocess.Popen([sys.executable, "manage.py", "db_worker", "--interval", "0.2",
                              "--no-reload", "--no-startup-delay", "-v0"],
                             cwd=ROOT, env=env, stderr=subprocess.DEVNULL)
            for _ in range(2)
        ]
        stop_file = tmp_path / "stop-searching"
        searchers = [
            subprocess.Popen([sys.executable, "-m", "tests.search.concurrent_writer", "--search",
                              str(stop_file)],
                             cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                             text=True)
            for _ in range(2)
        ]
        writers = [
            subprocess.Popen([sys.executable, "-m", "tests.search.concurrent_writer", str(n)],
                             cwd=ROOT, env=env, stderr=subprocess.PIPE, text=True)
            for n in range(WRITERS)
        ]
        try:
            for writer in writers:
                assert writer.wait(timeout=180) == 0, writer.stderr.read()
            stop_file.touch()
            outcomes = []
            for searcher in searchers:
                out, err = searcher.communicate(timeout=120)
                assert searcher.returncode == 0, err
                outcomes.append(json.loads(out))
            deadline = time.monotonic() + 60
            while True:  # the workers catch up after the saves, which never waited for them
                drift = json.loads(
                    run(["-m", "tests.search.concurrent_writer", "--drift"], env).stdout
                )
                if drift["queued"] == 0 or time.monotonic() > deadline:
                    break
                time.sleep(0.5)
        finally:
            for worker in workers:
                worker.terminate()
                worker.wait(timeout=30)
        assert drift == {"missing": [], "stale": [], "extra": [], "queued": 0}
        for outcome in outcomes:
            assert set(outcome["during"]) == {"200"}, outcome  # never a 500 (nor a 503)
            assert outcome["after"] == {"200": 10}, outcome  # and no stuck worker
