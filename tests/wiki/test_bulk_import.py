"""import_wikijs in bulk: a bounded number of queries (a few batched ones per chunk of pages,
never some per page: the durable guard of the import's speed, which bench/import_bench.py
measures), and chunks rendered ahead on the workers come out as rendering at save time would."""

from io import StringIO

import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext

from search.backends import get_backend
from wiki.models import Page, PageLink, Revision

pytestmark = pytest.mark.django_db

WRITES = ("INSERT", "UPDATE", "DELETE")


def write_wiki(folder, prefix, count):
    """``count`` pages under ``prefix/``, a tenth in a locale folder, each with tags, links to
    other pages, a callout, a table and code, like the benchmark's."""
    for n in range(count):
        locale = "de" if n % 10 == 9 else "en"
        target = folder / locale / prefix / f"Page-{n}.md"
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(
            f"---\ntitle: {prefix} page {n}\ndescription: Page {n}\npublished: true\n"
            f"date: 2024-12-10T18:54:09.678Z\ntags: {prefix}-a, {prefix}-{n % 5}\n"
            f"editor: markdown\ndateCreated: 2024-11-29T13:41:41.766Z\n---\n\n"
            f"# Page {n}\nSee [the next](/en/{prefix}/Page-{(n + 1) % count}) page.\n"
            f"- one\n- two\n\n> Note\n{{.is-info}}\n\n| a | b |\n|---|---|\n| {n} | x |\n\n"
            "```bash\necho hi\n```\n",
            encoding="utf-8",
        )


def run_import(folder):
    with CaptureQueriesContext(connection) as queries:
        call_command("import_wikijs", str(folder), stdout=StringIO(), stderr=StringIO())
    return [query["sql"] for query in queries.captured_queries]


def test_importing_more_pages_makes_no_more_queries(tmp_path):
    write_wiki(tmp_path / "small", "small", 50)
    write_wiki(tmp_path / "large", "large", 200)
    small = run_import(tmp_path / "small")
    large = run_import(tmp_path / "large")
    assert Page.objects.count() == 250 and Revision.objects.filter(html="").count() == 0
    assert PageLink.objects.filter(target_path="large/page-0").exists()
    assert get_backend().count() == 250  # indexed in bulk once the pages were in
    # The same batched queries for four times the pages. Only SQLite splits a bulk insert of
    # wide rows into batches (it takes at most 999 parameters a statement): a few more there.
    extra = len(large) - len(small)
    assert 0 <= extra <= (2 if connection.vendor == "postgresql" else 10), (small, large)
    assert len(large) < 60


def test_reimporting_unchanged_pages_makes_a_few_queries_and_writes_nothing(tmp_path):
    write_wiki(tmp_path / "small", "small", 50)
    write_wiki(tmp_path / "large", "large", 200)
    run_import(tmp_path / "small")
    run_import(tmp_path / "large")
    small, large = run_import(tmp_path / "small"), run_import(tmp_path / "large")
    assert not [sql for sql in small + large if sql.lstrip().upper().startswith(WRITES)]
    assert len(large) == len(small) < 10


def test_chunks_rendered_ahead_link_names_as_a_save_at_that_moment_would(
        tmp_path, monkeypatch, transactional_db):
    # Not inside a test transaction, so the renderer forks its workers; small chunks, so each
    # chunk is sent to the workers before the pages its [[names]] lead to are saved.
    from wiki.management.commands import import_wikijs

    monkeypatch.setattr(import_wikijs, "CHUNK", 20)
    count = 60
    for n in range(count):
        before = f"Before: [[Alpha {n - 1:02}]]. " if n else ""
        (tmp_path / f"Page-{n:02}.md").write_text(
            f"---\ntitle: Alpha {n:02}\n---\n\n{before}After: [[Alpha {n + 1:02}]].\n",
            encoding="utf-8",
        )
    call_command("import_wikijs", str(tmp_path), stdout=StringIO(), stderr=StringIO())
    for page in Page.objects.select_related("current_revision"):
        n = int(page.path.removeprefix("Page-"))
        html = page.current_revision.html
        if n:  # saved before, or in the same chunk: found
            assert f'href="/page-{n - 1:02}"' in html, html
        after_saved_with_it = (n + 1) // 20 == n // 20 and n + 1 < count
        assert (f'href="/page-{n + 1:02}"' in html) == after_saved_with_it, html
        assert (f'href="/alpha-{n + 1:02}"' in html) != after_saved_with_it, html
