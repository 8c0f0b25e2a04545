"""Processes for test_reimport_race: a Wiki.js re-import (``manage.py import_wikijs``) in one OS
process, Editors saving the same pages through the site's edit form in others, all at once.

    python -m tests.wiki.reimport_race setup RUN EDITORS FOLDER
    python -m tests.wiki.reimport_race edit RUN FIRST COUNT GO_FILE
    python -m tests.wiki.reimport_race import RUN FOLDER GO_FILE

``setup`` imports a Wiki.js export of ``PAGES`` pages and
rewrites the export as a later Wiki.js would have it: line 1 of every page changed. Editor ``i``
changes line ``3 + 2 i`` of every page (a line nobody else changes, so all of those merge),
except that Editor 0 changes line 1 of the last page, the line the import changes too: the one
collision. Each process waits for the go file (its readiness signalled first), then acts, and
prints JSON; the import process, once the go file's ``.done`` appears, the pages' final state too
(a process fewer to start).
"""

import json
import os
import re
import sys
import threading
import time
from io import StringIO

import django

from tests.scratch import editor_client, ready_then_wait

PAGES = ("race-a", "race-b", "race-c")
COLLIDING = ("race-c", 0)  # (page, Editor) that changes the line the import changes


def line_for(page, editor):
    """The number of the line Editor ``editor`` changes on ``page``."""
    return 1 if (page, editor) == COLLIDING else 3 + 2 * editor


def editor_line(page, editor):
    return f"line {line_for(page, editor)} by editor {editor}"


IMPORT_LINE = "line 1 from Wiki.js"


def text(editors):
    return "".join(f"line {n}\n" for n in range(2 * editors + 4))


def wikijs_file(page, body, date):
    return (f"---\ntitle: Page {page}\npublished: true\ndate: {date}\neditor: markdown\n"
            f"dateCreated: 2024-11-29T13:41:41.766Z\n---\n\n{body}")


def write_export(folder, editors, changed):
    for page in PAGES:
        body = text(editors)
        if changed:
            body = body.replace("line 1\n", IMPORT_LINE + "\n")
        date = "2025-01-02T00:00:00.000Z" if changed else "2024-12-10T18:54:09.678Z"
        (folder / f"{page}.md").write_text(wikijs_file(page, body, date), encoding="utf-8")


# --- setup --------------------------------------------------------------------------------------


def setup(run, count, folder):
    from pathlib import Path

    from django.contrib.auth import get_user_model
    from django.contrib.auth.models import Group
    from django.core.management import call_command

    editors = Group.objects.get_or_create(name="Editors")[0]
    for i in range(count):
        user = get_user_model().objects.create_user(f"ed{run}-{i}", f"ed{run}-{i}@example.org")
        user.groups.add(editors)
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    write_export(folder, count, changed=False)
    call_command("import_wikijs", str(folder), stdout=StringIO(), stderr=StringIO())
    write_export(folder, count, changed=True)  # what the re-import will bring
    return {"pages": len(PAGES)}


# --- edit ---------------------------------------------------------------------------------------


def edit(run, first, count, go_file):
    """Editors ``first``.. open every page's edit form, then save their line, all at once."""
    from wiki.models import Revision

    editors = []
    for i in range(first, first + count):
        client = editor_client(run, i)
        forms = {}
        for page in PAGES:
            url = f"/wiki/edit/{page}"
            html = client.get(url).content.decode()
            base = re.search(r'name="base_revision" value="(\d+)"', html).group(1)
            # The text as the form shows it: the revision the form was read at.
            markdown = Revision.objects.get(page__path=page, number=base).markdown
            line = line_for(page, i)
            assert f"line {line}\n" in markdown, markdown
            forms[page] = (url, {
                "title": f"Page {page}", "description": "", "tags": "", "published": "on",
                "summary": "", "save": "1", "base_revision": base,
                "markdown": markdown.replace(f"line {line}\n", editor_line(page, i) + "\n"),
            })
        editors.append((i, client, forms))
    ready_then_wait(go_file, first)

    outcomes, lock = [], threading.Lock()

    def save(i, client, forms):
        # Editors start on different pages; Editor 0 on the one it collides on.
        for page in PAGES[(i + 2) % 3:] + PAGES[: (i + 2) % 3]:
            url, data = forms[page]
            response = client.post(url, data)
            with lock:
                outcomes.append({
                    "editor": i, "page": page, "status": response.status_code,
                    "base": int(data["base_revision"]),
                    # On the conflict screen, the Editor's own line is still in the form.
                    "input_kept": response.status_code != 409
                    or editor_line(page, i) in response.content.decode(),
                })

    threads = [threading.Thread(target=save, args=editor) for editor in editors]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return outcomes


# --- import -------------------------------------------------------------------------------------


def reimport(run, folder, go_file):
    """Run ``import_wikijs FOLDER`` once the go file appears: its output, whether it failed and,
    once everyone is done, the pages' state."""
    from django.core.management import CommandError, call_command

    from wiki.management.commands import import_wikijs  # noqa: F401 - loaded before the go

    open(f"{go_file}.ready.import", "w").close()
    while not os.path.exists(go_file):
        time.sleep(0.005)
    out, err = StringIO(), StringIO()
    try:
        call_command("import_wikijs", folder, stdout=out, stderr=err)
        error = None
    except CommandError as refused:
        error = str(refused)
    while not os.path.exists(f"{go_file}.done"):
        time.sleep(0.005)
    return {"out": out.getvalue(), "err": err.getvalue(), "error": error, "state": state(run)}


# --- state --------------------------------------------------------------------------------------


def state(run):
    from wiki.models import Page

    pages = {}
    for page in Page.objects.filter(path__in=PAGES).select_related("current_revision"):
        pages[page.path] = {
            "markdown": page.current_revision.markdown,
            "history": [
                {"number": r.number, "parent": r.parent.number if r.parent else None,
                 "author": r.author.username if r.author else None, "summary": r.summary,
                 "markdown": r.markdown}
                for r in page.revisions.select_related("author", "parent").order_by("number")
            ],
        }
    return pages


if __name__ == "__main__":
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "network_societies.settings")
    django.setup()
    command = sys.argv[1]
    if command == "setup":
        result = setup(sys.argv[2], int(sys.argv[3]), sys.argv[4])
    elif command == "edit":
        result = edit(sys.argv[2], int(sys.argv[3]), int(sys.argv[4]), sys.argv[5])
    else:
        result = reimport(sys.argv[2], sys.argv[3], sys.argv[4])
    print(json.dumps(result))
