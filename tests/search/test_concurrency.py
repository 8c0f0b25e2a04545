"""Several OS processes (like gunicorn workers) write at once to one database file and one
Whoosh index; afterwards the index holds exactly what the database holds."""

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def run(args, env, **kwargs):
    return subprocess.run([sys.executable, *args], cwd=ROOT, env=env, check=True,
                          capture_output=True, text=True, timeout=180, **kwargs)


def test_concurrent_writers_leave_index_equal_to_database(tmp_path):
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "network_societies.settings",
        "DEBUG": "1",
        "SECRET_KEY": "concurrency-test",
        "VAR_DIR": str(tmp_path),
        "DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite3'}",
        "SEARCH_BACKEND": "whoosh",
        "SEARCH_INDEX_PATH": str(tmp_path / "index"),
    }
    run(["manage.py", "migrate", "--skip-checks", "-v0"], env)
    writers = [
        subprocess.Popen([sys.executable, "-m", "tests.search.concurrent_writer", str(n)],
                         cwd=ROOT, env=env, stderr=subprocess.PIPE, text=True)
        for n in range(3)
    ]
    for writer in writers:
        assert writer.wait(timeout=180) == 0, writer.stderr.read()
    drift = json.loads(run(["-m", "tests.search.concurrent_writer", "--drift"], env).stdout)
    assert drift == {"missing": [], "stale": [], "extra": [], "queued": 0}
