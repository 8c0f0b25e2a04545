"""Nothing acknowledged is lost when a Wiki.js re-import races people saving the same pages:
Editors (in two OS processes, as gunicorn workers would serve them) open the edit forms of the
pages the re-import changes, then they save and ``manage.py import_wikijs`` (a third process)
runs, all at once.

Every save is acknowledged (302, merged when the lines differ) or answered with the conflict
screen (409, the Editor's line still in the form). Each page's history then holds the first
import, one revision per acknowledged save and the re-import's revision, nothing else, and its
text holds every Editor's line and the import's.

Where the import and an Editor change the same line, whoever is first wins and the other is
told, never overwritten: an Editor who saves after the import gets the conflict screen (their
form was read before it); if the Editor saved first, the import leaves that page as it is and
names it, with the reason, among the files it could not import (the rest of the export still
imports). An import, like a person, merges with what was saved here since the version it
started from: its own last import of the page (``wiki.imports.import_base``).

Runs on SQLite (a shared file) and, when DATABASE_URL points at PostgreSQL, on a scratch
PostgreSQL database (tests/scratch.py).
"""

import os
import subprocess
import sys
import time

import pytest

from tests.network_societies.test_concurrent_editors import last_json
from tests.scratch import ROOT, run, scratch_database, site_env
from tests.wiki.reimport_race import (
    COLLIDING,
    IMPORT_LINE,
    PAGES,
    editor_line,
)

EDITORS = 4
PROCESSES = 2  # Editor processes; each runs its share of the Editors in threads
WORKER = "tests.wiki.reimport_race"


def start(env, *args):
    return subprocess.Popen([sys.executable, "-m", WORKER, *args], cwd=ROOT, env=env,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def race(env, run_id, folder, go_file):
    """Start the Editors and the import, wait until all are ready, then let them go at once:
    (the Editors' outcomes, what the import said and the pages' final state)."""
    share = EDITORS // PROCESSES
    editors = [start(env, "edit", run_id, str(first), str(share), go_file)
               for first in range(0, EDITORS, share)]
    importer = start(env, "import", run_id, folder, go_file)
    ready = [f"{go_file}.ready.{first}" for first in range(0, EDITORS, share)]
    ready.append(f"{go_file}.ready.import")
    deadline = time.monotonic() + 60
    while not all(os.path.exists(name) for name in ready):
        processes = [*editors, importer]
        assert all(p.poll() is None for p in processes), [p.stderr.read() for p in processes]
        assert time.monotonic() < deadline, "the processes never got ready"
        time.sleep(0.02)
    open(go_file, "w").close()
    outcomes = []
    for worker in editors:
        out, err = worker.communicate(timeout=60)
        assert worker.returncode == 0, err
        outcomes += last_json(out)
    open(f"{go_file}.done", "w").close()  # the Editors are done: the importer reads the pages
    out, err = importer.communicate(timeout=60)
    assert importer.returncode == 0, err
    return outcomes, last_json(out)


def check(outcomes, imported, run_id):
    """Every acknowledged change kept, every refusal said; returns the numbers measured."""
    assert len(outcomes) == EDITORS * len(PAGES)
    assert {o["status"] for o in outcomes} <= {302, 409}, outcomes
    assert all(o["input_kept"] for o in outcomes), [o for o in outcomes if not o["input_kept"]]
    assert "Traceback" not in imported["err"], imported["err"]
    final, saved_before_import = imported["state"], 0
    for page in PAGES:
        mine = [o for o in outcomes if o["page"] == page]
        saved = [o for o in mine if o["status"] == 302]
        history, text = final[page]["history"], final[page]["markdown"]
        imports = [r for r in history[1:] if r["author"] is None]
        collided = next((o for o in mine if (page, o["editor"]) == COLLIDING), None)
        if collided is None or collided["status"] == 409:
            # The import changed the page: one revision, and its line is in the text.
            assert len(imports) == 1 and IMPORT_LINE + "\n" in text, (page, history)
            assert f"{page}.md:" not in imported["err"], imported
            saved_before_import += sum(r["number"] < imports[0]["number"] for r in history[1:])
        else:
            # The Editor changed line 1 first: the import left the page as it is and said so.
            assert imports == [] and IMPORT_LINE not in text, (page, history)
            assert f"{page}.md: edited here since the last import" in imported["err"], imported
        for o in mine:
            if (page, o["editor"]) != COLLIDING:  # different lines always merge
                assert o["status"] == 302, o
            if o["status"] == 302:
                assert editor_line(page, o["editor"]) + "\n" in text, (o, text)
            else:  # the import's change of that line was saved after the form was read
                assert imports and imports[0]["number"] > o["base"], (o, history)
        # The first import, then one revision per acknowledged save and the re-import's.
        authors = sorted(r["author"] or "" for r in history[1:])
        assert authors == sorted([""] * len(imports) + [f"ed{run_id}-{o['editor']}"
                                                         for o in saved]), (page, history)
        assert history[0]["author"] is None and len(history) == 1 + len(authors)
    refused = sum(f"{page}.md:" in imported["err"] for page in PAGES)
    assert (imported["error"] is not None) == bool(refused), imported
    acknowledged = sum(o["status"] == 302 for o in outcomes)
    return {"saves": len(outcomes), "acknowledged": acknowledged,
            "conflict_screens": len(outcomes) - acknowledged,
            "saved_before_the_import": saved_before_import, "import_refused_pages": refused}


@pytest.mark.parametrize("database", ["sqlite", "postgres"])
def test_a_reimport_racing_editors_loses_nothing(tmp_path, database, capsys):
    with scratch_database(database, tmp_path) as database_url:
        env = site_env(tmp_path, database_url)
        run_id, folder = "r", str(tmp_path / "export")
        run(["-m", WORKER, "setup", run_id, str(EDITORS), folder], env)  # migrates first
        outcomes, imported = race(env, run_id, folder, str(tmp_path / "go"))
        measured = check(outcomes, imported, run_id)
        with capsys.disabled():
            print(f"\n{database}: {measured}", end="")
