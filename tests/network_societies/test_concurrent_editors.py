"""No acknowledged edit is lost: N Editors (2 to 16, in several OS processes, as gunicorn workers
would serve them) open the edit forms of one category, one example and one wiki page, then all
save at once through the site's forms.

Every save must be acknowledged (302) or answered with the conflict screen (409, the Editor's
input still in the form), nothing else; every acknowledged change must be in the final state
and in the history. Editors who change different lines of the text or different fields all
land, as do those who add different tags; of those who change the same short field, exactly
one does. Runs on SQLite (a shared
file) and, when DATABASE_URL points at PostgreSQL, on a scratch PostgreSQL database.
"""

import json
import os
import subprocess
import sys
import time

import pytest

from tests.network_societies.concurrent_editors import (
    SHARED_FIELDS,
    TARGETS,
    TEXT_FIELD,
    change_for,
    line_value,
)
from tests.scratch import ROOT, run, scratch_database, site_env

EDITOR_COUNTS = (2, 16)
SET_FIELDS = {"tags"}
PROCESSES = 4  # OS processes; each runs its share of the Editors in threads


def last_json(stdout):
    """The JSON a worker printed last (the console mail backend may have printed before it)."""
    return json.loads(stdout.strip().splitlines()[-1])


def start_editors(env, run_id, count, go_file):
    per_process = -(-count // min(PROCESSES, count))
    workers = []
    for first in range(0, count, per_process):
        share = min(per_process, count - first)
        workers.append((first, subprocess.Popen(
            [sys.executable, "-m", "tests.network_societies.concurrent_editors", "edit",
             run_id, str(first), str(share), go_file],
            cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)))
    deadline = time.monotonic() + 180
    while not all(os.path.exists(f"{go_file}.ready.{first}") for first, _ in workers):
        assert all(w.poll() is None for _, w in workers), [w.stderr.read() for _, w in workers]
        assert time.monotonic() < deadline, "the editors never got ready"
        time.sleep(0.05)
    open(go_file, "w").close()  # everyone has read the forms: save, all at once
    outcomes = []
    for _, worker in workers:
        out, err = worker.communicate(timeout=300)
        assert worker.returncode == 0, err
        outcomes += last_json(out)
    return outcomes


def check(outcomes, final, count):
    """Every change kept or answered with a conflict; returns the numbers measured."""
    assert len(outcomes) == 3 * count
    assert {o["status"] for o in outcomes} <= {302, 409}, outcomes
    assert all(o["input_kept"] for o in outcomes), [o for o in outcomes if not o["input_kept"]]
    for target in TARGETS:
        mine = [o for o in outcomes if o["target"] == target]
        saved = [o for o in mine if o["status"] == 302]
        state = final[target]
        for o in mine:
            if o["field"] == "line":  # different lines always merge
                assert o["status"] == 302, o
                assert line_value(o["value"]) + "\n" in state[TEXT_FIELD[target]], o
        for o in mine:
            if o["field"] in SET_FIELDS:  # sets merge: everyone's addition is kept
                assert o["status"] == 302 and set(o["value"]) <= set(state[o["field"]]), o
        for field in set(SHARED_FIELDS[target]) - SET_FIELDS:
            wrote = [o for o in mine if o["field"] == field]
            won = [o for o in wrote if o["status"] == 302]
            if wrote:
                assert len(won) == 1, (target, field, wrote)
                assert state[field] == won[0]["value"], (target, field, state[field], won)
        # Each acknowledged save is one entry in the history, nothing more, nothing less.
        assert state["history"] == len(saved), (target, state["history"], len(saved))
    saved = sum(o["status"] == 302 for o in outcomes)
    return {"editors": count, "saves": len(outcomes), "acknowledged": saved,
            "conflict_screens": len(outcomes) - saved, "changes_kept": saved, "lost": 0}


@pytest.mark.parametrize("database", ["sqlite", "postgres"])
def test_n_editors_lose_nothing(tmp_path, database, capsys):
    with scratch_database(database, tmp_path) as database_url:
        env = site_env(tmp_path, database_url)
        runs = {f"n{count}": count for count in EDITOR_COUNTS}
        run(["-m", "tests.network_societies.concurrent_editors", "setup",
             *[str(part) for item in runs.items() for part in item]], env)
        outcomes = {run_id: start_editors(env, run_id, count, str(tmp_path / f"go-{run_id}"))
                    for run_id, count in runs.items()}
        finals = last_json(run(["-m", "tests.network_societies.concurrent_editors", "state",
                                *runs], env).stdout)
        measured = [check(outcomes[run_id], finals[run_id], count)
                    for run_id, count in runs.items()]
        with capsys.disabled():
            for numbers in measured:
                print(f"\n{database}: {numbers}", end="")


def test_the_change_plan_has_merges_and_conflicts():
    """The plan above exercises both outcomes from 8 Editors on."""
    fields = [change_for("node", i)[0] for i in range(8)]
    assert fields.count("line") == 4 and fields.count("summary") == 2 and fields.count("name") == 2
