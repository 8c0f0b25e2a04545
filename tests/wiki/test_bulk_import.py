"""import_wikijs in bulk: a bounded number of queries (a few batched ones per chunk of pages,
never some per page: the durable guard of the import's speed, which bench/import_bench.py
measures), and chunks rendered ahead on the workers come out as rendering at save time would."""

from io import StringIO

import pytest
from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext

from notifications.models import Notification
from search.backends import get_backend
from search.models import IndexUpdate
from wiki.models import Page, PageLink, Revision, Tag

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


def change_wiki(folder, prefix, count):
    """Rewrite the pages of ``write_wiki`` as a month of edits in Wiki.js would: new text with a
    word found nowhere else, another tag, a link to another page, a new title on some."""
    for n in range(count):
        locale = "de" if n % 10 == 9 else "en"
        title = f"{prefix} page {n}" + (" (revised)" if n % 3 == 0 else "")
        (folder / locale / prefix / f"Page-{n}.md").write_text(
            f"---\ntitle: {title}\ndescription: Page {n}, again\npublished: true\n"
            f"date: 2025-01-02T00:00:00.000Z\ntags: {prefix}-a, {prefix}-new-{n % 2}\n"
            f"editor: markdown\ndateCreated: 2024-11-29T13:41:41.766Z\n---\n\n"
            f"# Page {n}\nNow about zeppelins{n}, see [two on]"
            f"(/en/{prefix}/Page-{(n + 2) % count}).\n1) first\n2) second\n",
            encoding="utf-8",
        )


def test_reimporting_more_changed_pages_makes_no_more_queries(tmp_path):
    for prefix, count in (("few", 5), ("many", 20)):
        write_wiki(tmp_path / prefix, prefix, count)
        run_import(tmp_path / prefix)
        change_wiki(tmp_path / prefix, prefix, count)
    few, many = run_import(tmp_path / "few"), run_import(tmp_path / "many")
    assert Revision.objects.filter(number=2).count() == 25
    # The same batched queries for four times the pages (none of them per page).
    assert len(many) == len(few) < 40, (len(few), len(many))


def imported_state():
    """Everything a re-import writes, by page path (ids differ between two runs)."""
    from search.query import parse_query

    pages = {}
    for page in Page.objects.prefetch_related("tags", "outgoing_links", "revisions"):
        pages[page.path] = {
            "page": (page.title, page.description, page.published, page.editor, page.created_at,
                     page.updated_at, page.deleted_at is not None),
            "current": page.current_revision.number if page.current_revision else None,
            "tags": sorted(tag.name for tag in page.tags.all()),
            "links": sorted(link.target_path for link in page.outgoing_links.all()),
            "history": sorted(
                (r.number, r.parent.number if r.parent else None, r.title, r.description, r.tags,
                 r.published, r.markdown, r.markup, r.html, r.renderer_version, r.summary,
                 r.created_at, r.author_id, r.author_name)
                for r in page.revisions.select_related("parent")),
        }
    notices = sorted(Notification.objects.values_list("recipient__username", "verb", "text",
                                                      "url"))
    hits = get_backend().search(parse_query("zeppelins3"), limit=50).hits
    found = sorted(Page.objects.get(pk=hit.pk).path for hit in hits if hit.model == "wiki.page")
    return pages, notices, found


def test_a_batched_reimport_writes_what_saving_each_page_wrote(tmp_path, monkeypatch, make_user):
    from wiki.editing import delete_page
    from wiki.management.commands import import_wikijs
    from wiki.models import Watch

    def reimport():
        write_wiki(tmp_path, "Topics", 12)
        call_command("import_wikijs", str(tmp_path), stdout=StringIO(), stderr=StringIO())
        watcher = make_user("watcher")
        Watch.objects.create(user=watcher, page=Page.objects.get(path="Topics/Page-3"))
        Watch.objects.create(user=watcher, page=Page.objects.get(path="Topics/Page-4"))
        delete_page(Page.objects.get(path="Topics/Page-5"), by=None)  # refused: in the bin
        first = (tmp_path / "en/Topics/Page-0.md").read_bytes()
        change_wiki(tmp_path, "Topics", 12)
        (tmp_path / "en/Topics/Page-0.md").write_bytes(first)  # unchanged
        (tmp_path / "en/Topics/Page-6.md").write_bytes(b"")  # refused: no front matter
        out, err = StringIO(), StringIO()
        with pytest.raises(CommandError):
            call_command("import_wikijs", str(tmp_path), stdout=out, stderr=err)
        assert "0 created, 9 updated, 1 unchanged, 2 failed" in out.getvalue(), out.getvalue()
        assert "Page-5.md: A page at this path is in the recycle bin" in err.getvalue()
        return imported_state()

    batched = reimport()
    for model in (Page, Revision, Watch, get_user_model(), Notification, Tag, IndexUpdate):
        model.objects.all().delete()
    get_backend().reset()

    # The same again, every page through save_page, as before the bulk update.
    monkeypatch.setattr(import_wikijs, "update_pages", lambda items, render: ([], items))
    one_by_one = reimport()
    assert batched == one_by_one
    pages, notices, found = batched
    assert pages["Topics/Page-3"]["current"] == 2 and found == ["Topics/Page-3"]
    assert pages["Topics/Page-3"]["links"] == ["topics/page-5"]
    assert pages["Topics/Page-3"]["tags"] == ["topics-a", "topics-new-1"]
    assert '<ol>\n<li>first</li>' in pages["Topics/Page-3"]["history"][1][8]
    assert pages["Topics/Page-5"]["current"] == 1 and pages["Topics/Page-0"]["current"] == 1
    assert [n[0] for n in notices] == ["watcher", "watcher"]


def test_changed_pages_the_database_refuses_in_bulk_are_saved_one_by_one(tmp_path, monkeypatch):
    from django.db import DataError

    from wiki import bulk_import

    def refused(pages):  # the last step of the bulk update, once everything else is written
        raise DataError("a value the database refuses")

    write_wiki(tmp_path, "Topics", 4)
    run_import(tmp_path)
    change_wiki(tmp_path, "Topics", 4)
    monkeypatch.setattr(bulk_import, "enqueue", refused)
    out = StringIO()
    call_command("import_wikijs", str(tmp_path), stdout=out, stderr=StringIO())
    assert "0 created, 4 updated, 0 unchanged, 0 failed" in out.getvalue()
    # Nothing of the bulk write stayed: one new revision a page, from the one-by-one saves.
    assert Revision.objects.count() == 8
    assert Revision.objects.filter(number=2, html__contains="zeppelins").count() == 4
    assert IndexUpdate.objects.count() == 0  # the saves' rows, drained
