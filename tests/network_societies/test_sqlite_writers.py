"""`make run`'s embedded database under several writers at once: SQLite in WAL mode with a busy
timeout and immediate write transactions, so writers wait their turn instead of failing with
"database is locked" (which a deferred transaction hits when it upgrades a read lock)."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
WRITERS, SAVES = 4, 25

WRITE = f"""
import django, os, sys
django.setup()
from wiki.editing import save_page
worker = sys.argv[1]
for n in range({SAVES}):
    save_page(path=f"w{{worker}}/p{{n}}", title=f"Page {{n}}", markdown="text", author=None)
    # everyone also edits one shared page: reads then writes in one transaction
    save_page(path="shared", title="Shared", markdown=f"{{worker}} {{n}}", author=None)
"""

COUNT = """
import django
django.setup()
from django.db import connection
from wiki.models import Page, Revision
with connection.cursor() as cursor:
    cursor.execute("PRAGMA journal_mode")
    mode = cursor.fetchone()[0]
print(Page.objects.count(), Revision.objects.filter(page__path="shared").count(), mode)
"""


@pytest.mark.skipif(os.environ.get("DATABASE_URL", "").startswith("postgres"),
                    reason="the SQLite default only")
def test_concurrent_writers_on_sqlite_wait_instead_of_failing(tmp_path):
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "network_societies.settings", "DEBUG": "1",
           "VAR_DIR": str(tmp_path), "DATABASE_URL": "", "TASKS_BACKEND": "database"}
    subprocess.run([sys.executable, "manage.py", "migrate", "-v0"], cwd=ROOT, env=env,
                   check=True, timeout=180)
    writers = [
        subprocess.Popen([sys.executable, "-c", WRITE, str(n)], cwd=ROOT, env=env,
                         stderr=subprocess.PIPE, text=True)
        for n in range(WRITERS)
    ]
    for writer in writers:
        _, err = writer.communicate(timeout=300)
        assert writer.returncode == 0, err
        assert "database is locked" not in err
    out = subprocess.run([sys.executable, "-c", COUNT], cwd=ROOT, env=env, check=True,
                         capture_output=True, text=True, timeout=60).stdout.split()
    pages, shared_revisions, mode = int(out[0]), int(out[1]), out[2]
    assert pages == WRITERS * SAVES + 1
    assert shared_revisions == WRITERS * SAVES  # every save of the shared page kept
    assert mode == "wal"
