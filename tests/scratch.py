"""Migrated scratch databases for the tests that start separate OS processes (gunicorn-like
workers, task workers, editors saving at once), which cannot see the test's own database.

Migrating from nothing takes a Django process five seconds of CPU, and these tests run several
on a two-core machine; so each test process migrates one template per database kind, once, and
every scratch database is a copy of it (PostgreSQL's CREATE DATABASE … TEMPLATE, a file copy on
SQLite). The copy is what ``manage.py migrate`` would have made: the migrations' own rows (groups,
the site) included, as the template ran every post_migrate receiver.
"""

import atexit
import os
import shutil
import subprocess
import sys
import tempfile
from contextlib import contextmanager
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
_templates = {}  # "sqlite" -> template file, "postgres" -> template database name


def run(args, env, **kwargs):
    """``python args…`` in the project folder with ``env``; raises when it fails."""
    return subprocess.run([sys.executable, *args], cwd=ROOT, env=env, check=True,
                          capture_output=True, text=True, timeout=180, **kwargs)


def site_env(tmp_path, database_url, **settings):
    """The environment of the site's own processes (workers, editors, importers) on a scratch
    database: its own VAR_DIR and search index, the search backend that suits the database,
    Editors who sign in with force_login (no second factor), and ``settings`` on top."""
    return {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "network_societies.settings",
        "DEBUG": "1",
        "SECRET_KEY": "concurrency-test",
        "ALLOWED_HOSTS": "testserver,localhost",
        "MFA_REQUIRED_FOR": "",
        "VAR_DIR": str(tmp_path),
        "DATABASE_URL": database_url,
        "SEARCH_BACKEND": "postgres" if database_url.startswith("postgres") else "whoosh",
        "SEARCH_INDEX_PATH": str(tmp_path / "index"),
        **settings,
    }


def postgres_server():
    """The PostgreSQL server of DATABASE_URL (without a database name); skips the test when the
    suite runs on SQLite."""
    url = os.environ.get("DATABASE_URL", "")
    if not url.startswith(("postgres://", "postgresql://")):
        pytest.skip("needs PostgreSQL: set DATABASE_URL=postgres://...")
    return url.rsplit("/", 1)[0]


@contextmanager
def scratch_database(database, tmp_path, name=None):
    """The URL of a migrated database of kind ``database`` ("sqlite" or "postgres") that the
    test's processes share, removed afterwards (PostgreSQL's: ``name``, default per process)."""
    if database == "sqlite":
        target = tmp_path / "db.sqlite3"
        shutil.copyfile(_sqlite_template(), target)
        yield f"sqlite:///{target}"
        return
    server = postgres_server()
    template = _postgres_template(server)
    name = name or f"ns_scratch_{os.getpid()}"
    _postgres(server, f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)',
              f'CREATE DATABASE "{name}" TEMPLATE "{template}"')
    try:
        yield f"{server}/{name}"
    finally:
        _postgres(server, f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def _sqlite_template():
    if "sqlite" not in _templates:
        folder = Path(tempfile.mkdtemp(prefix="ns-template-"))
        atexit.register(shutil.rmtree, folder, ignore_errors=True)
        _migrate(f"sqlite:///{folder / 'template.sqlite3'}", folder)
        _templates["sqlite"] = folder / "template.sqlite3"
    return _templates["sqlite"]


def _postgres_template(server):
    if "postgres" not in _templates:
        name = f"ns_template_{os.getpid()}"
        _postgres(server, f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)',
                  f'CREATE DATABASE "{name}"')
        atexit.register(_postgres, server, f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        with tempfile.TemporaryDirectory(prefix="ns-template-") as folder:
            _migrate(f"{server}/{name}", Path(folder))
        _templates["postgres"] = name
    return _templates["postgres"]


def _migrate(database_url, var_dir):
    run(["manage.py", "migrate", "--skip-checks", "-v0"], site_env(var_dir, database_url))


def _postgres(server, *statements):
    import psycopg

    with psycopg.connect(f"{server}/postgres", autocommit=True) as connection:
        for statement in statements:
            connection.execute(statement)


# --- Inside the processes ------------------------------------------------------------------------


def editor_client(run, number):
    """A test Client signed in as Editor ``number`` of ``run`` (created by the worker's setup)."""
    from django.contrib.auth import get_user_model
    from django.test import Client

    client = Client()
    client.force_login(get_user_model().objects.get(username=f"ed{run}-{number}"))
    return client


def ready_then_wait(go_file, first):
    """Say this process has read its forms (``go_file.ready.first``), then wait for the go file:
    every process saves at once."""
    import time

    open(f"{go_file}.ready.{first}", "w").close()
    while not os.path.exists(go_file):
        time.sleep(0.005)
