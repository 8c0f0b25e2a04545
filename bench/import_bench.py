"""Import benchmark: generate a Wiki.js storage folder of N pages and time ``import_wikijs`` on a
scratch database, search index included (the import applies it in bulk after each chunk). Not
part of the test suite.

    .venv/bin/python -m bench.import_bench                 # 1,000 pages on SQLite
    .venv/bin/python -m bench.import_bench --pages 300 --database postgres
    .venv/bin/python -m bench.import_bench --reimport      # a second import, every page changed

The pages are generated here (headings, lists straight after paragraphs, callouts, tables, code
in lists, links between pages, tags, a locale folder), about 2 KB each, like a real wiki's.
``--reimport`` imports them, rewrites every file with other text, tags and links (as after a
month of edits in Wiki.js) and times importing the folder again: every page gets a new revision.
"""

import argparse
import os
import random
import tempfile
import time
from io import StringIO
from pathlib import Path

from .common import start_django

WORDS = (  # noqa: SIM905 (a paragraph reads better than quoted words)
    "network society village city hub coliving coworking governance charter startup state "
    "community founders residents nomads decentralized pop-up temporary permanent experiment "
    "culture economy housing education health energy land treaty citizenship vote consensus"
).split()


def sentence(rng, n=12):
    return " ".join(rng.choice(WORDS) for _ in range(n)).capitalize() + "."


def page_text(rng, index, count):
    links = " ".join(f"[page {j}](/en/Topics/Page-{j})" for j in rng.sample(range(count), 3))
    body = [
        f"# Overview\n{sentence(rng)}\n{sentence(rng)}\n- {sentence(rng, 5)}\n- {links}",
        f"> {sentence(rng)}\n{{.is-info}}",
        "| Name | Size |\n|------|------|\n" + "\n".join(
            f"| {rng.choice(WORDS)} | {rng.randint(1, 900)} |" for _ in range(4)),
        f"## Steps\n1. {sentence(rng, 6)}\n   ```bash\n   echo {index}\n   ```\n2. Done :tent:",
        "## Notes\n" + "\n".join(sentence(rng, 20) for _ in range(4)),
    ]
    return (
        f"---\ntitle: Page {index}: {rng.choice(WORDS)}\ndescription: {sentence(rng, 6)}\n"
        f"published: true\ndate: 2024-12-10T18:54:09.678Z\ntags: {rng.choice(WORDS)}, "
        f"{rng.choice(WORDS)}\neditor: markdown\ndateCreated: 2024-11-29T13:41:41.766Z\n---\n\n"
        + "\n\n".join(body) + "\n"
    )


def write_wiki(folder, count, seed=1):
    rng = random.Random(seed)
    for index in range(count):
        locale = "de" if index % 10 == 9 else "en"
        target = folder / locale / "Topics" / f"Page-{index}.md"
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(page_text(rng, index, count), encoding="utf-8")


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=int, default=1000)
    parser.add_argument("--database", choices=["sqlite", "postgres"], default="sqlite")
    parser.add_argument("--reimport", action="store_true",
                        help="time a second import of the same pages, every one changed")
    args = parser.parse_args()
    database = start_django(args.database)
    from django.core.management import call_command

    from search.backends import get_backend
    from wiki.models import Page

    folder = Path(tempfile.mkdtemp(prefix="ns-bench-wikijs-"))
    write_wiki(folder, args.pages)
    if args.reimport:
        call_command("import_wikijs", str(folder), stdout=StringIO(), stderr=StringIO())
        write_wiki(folder, args.pages, seed=2)
    out = StringIO()
    start, cpu = time.perf_counter(), os.times()
    call_command("import_wikijs", str(folder), stdout=out, stderr=StringIO())
    elapsed, used = time.perf_counter() - start, os.times()
    parent = used.user + used.system - cpu.user - cpu.system
    children = used.children_user + used.children_system - cpu.children_user - cpu.children_system
    server = database_server_cpu()
    pages = Page.objects.count()
    indexed = get_backend().count()
    print(f"database: {database}")
    print(out.getvalue().strip())
    print(f"{pages} pages {'re-imported' if args.reimport else 'imported'} and {indexed} indexed "
          f"in {elapsed:.1f} s: "
          f"{pages / elapsed:.0f} pages/s (load average {os.getloadavg()[0]:.1f})")
    # On a shared, busy machine the wall clock measures the neighbours; CPU time does not. The
    # importer (reading, the database, the index), its render workers and the database server
    # run at the same time, so on an idle machine the import takes about the larger of the
    # importer's CPU time and the CPU time of all of them spread over the cores.
    cores = os.cpu_count() or 1
    total = parent + children + (server or 0)
    bound = max(parent + (server or 0), total / cores)
    print(f"CPU: {parent:.1f} s in the importer, {children:.1f} s in render workers"
          + (f", {server:.1f} s in the database server" if server is not None else "")
          + f"; {total / pages * 1000:.1f} ms a page; idle-machine estimate on {cores} cores: "
          f"{pages / bound:.0f} pages/s")


def database_server_cpu():
    """CPU seconds used by the PostgreSQL process serving this connection (the one the import
    opened after its render workers forked), when the server runs on this machine; else None.
    SQLite works inside the importer, so its time is the importer's."""
    from django.db import connection

    if connection.vendor != "postgresql":
        return None
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_backend_pid()")
        pid = cursor.fetchone()[0]
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return None
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


if __name__ == "__main__":
    main()
