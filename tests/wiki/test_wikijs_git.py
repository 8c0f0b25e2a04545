"""``import_wikijs --git DIR``: a Wiki.js git-storage repository's history, replayed."""

import shutil
import subprocess
from datetime import UTC, datetime
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from wiki.models import Page, PageRedirect

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed"),
]


def page_file(title, body):
    return (f"---\ntitle: {title}\ndescription: \npublished: true\n"
            f"date: 2024-12-10T18:54:09.678Z\ntags: \neditor: markdown\n"
            f"dateCreated: 2024-11-29T13:41:41.766Z\n---\n\n{body}")


def commit(repo, author, date, message):
    env = {"GIT_AUTHOR_NAME": author, "GIT_AUTHOR_EMAIL": f"{author.split()[0]}@example.org",
           "GIT_AUTHOR_DATE": date, "GIT_COMMITTER_NAME": "Wiki.js",
           "GIT_COMMITTER_EMAIL": "wiki@example.org", "GIT_COMMITTER_DATE": date,
           "PATH": "/usr/bin:/bin"}
    subprocess.run(["git", "-C", str(repo), "add", "-A"], check=True, env=env)
    subprocess.run(["git", "-C", str(repo), "commit", "-q", "-m", message], check=True, env=env)


@pytest.fixture
def repo(tmp_path):
    repo = tmp_path / "wiki"
    (repo / "en" / "Guides").mkdir(parents=True)
    subprocess.run(["git", "init", "-q", str(repo)], check=True)
    (repo / "en/Guides/Start.md").write_text(page_file("Start", "First version.\n"))
    (repo / "en/home.md").write_text(page_file("Home", "Welcome.\n"))
    commit(repo, "Ada Lovelace", "2024-01-02T10:00:00+00:00", "Create start and home")
    (repo / "en/Guides/Start.md").write_text(page_file("Start", "Second version.\n"))
    commit(repo, "Grace Hopper", "2024-02-03T11:30:00+00:00", "Expand the start page")
    (repo / "en/Guides/Start.md").rename(repo / "en/Guides/Begin.md")
    commit(repo, "Ada Lovelace", "2024-03-04T12:00:00+00:00", "Rename start to begin")
    (repo / "en/home.md").unlink()
    commit(repo, "Grace Hopper", "2024-04-05T13:00:00+00:00", "Remove home")
    return repo


def replay(repo):
    out, err = StringIO(), StringIO()
    try:
        call_command("import_wikijs", "--git", str(repo), stdout=out, stderr=err)
    except CommandError:
        raise AssertionError(err.getvalue()) from None
    return out.getvalue()


def test_every_commit_is_a_revision_with_its_author_date_and_message(repo, client):
    out = replay(repo)
    assert "3 revisions, 1 moves, 1 deletions, 0 refused" in out
    page = Page.objects.get(path="Guides/Begin")
    history = list(page.revisions.order_by("number").values_list(
        "number", "author_name", "created_at", "summary", "markdown"))
    assert history == [
        (1, "Ada Lovelace", datetime(2024, 1, 2, 10, tzinfo=UTC), "Create start and home",
         "First version.\n"),
        (2, "Grace Hopper", datetime(2024, 2, 3, 11, 30, tzinfo=UTC), "Expand the start page",
         "Second version.\n"),
    ]
    assert PageRedirect.objects.get(old_path="guides/start").page == page
    assert client.get("/Guides/Start")["Location"] == "/Guides/Begin"
    assert Page.objects.get(path="home").deleted_at is not None
    body = client.get("/wiki/history/Guides/Begin").content.decode()
    assert "Grace Hopper (imported)" in body and "Expand the start page" in body


def test_replaying_again_writes_nothing(repo):
    replay(repo)
    out = replay(repo)
    assert "0 revisions, 0 moves" in out
    assert Page.objects.get(path="Guides/Begin").revisions.count() == 2


def test_a_folder_that_is_not_a_repository_is_a_clear_error(tmp_path):
    with pytest.raises(CommandError, match="not a git repository"):
        call_command("import_wikijs", "--git", str(tmp_path), stdout=StringIO())


LINES = "".join(f"Line {n}.\n\n" for n in range(1, 6))


@pytest.fixture
def one_page_repo(tmp_path):
    repo = tmp_path / "wiki"
    (repo / "en").mkdir(parents=True)
    subprocess.run(["git", "init", "-q", str(repo)], check=True)
    (repo / "en/notes.md").write_text(page_file("Notes", LINES))
    commit(repo, "Ada Lovelace", "2024-01-02T10:00:00+00:00", "Start the notes")
    return repo


def edit_here(text_change, user):
    from wiki.editing import save_page

    page = Page.objects.get(path="notes")
    current = page.current_revision
    save_page(path="notes", title=current.title, markdown=text_change(current.markdown),
              author=user, base_revision=current)


def commit_change(repo, old, new, date, message):
    path = repo / "en/notes.md"
    path.write_text(path.read_text().replace(old, new))
    commit(repo, "Grace Hopper", date, message)


def test_a_commit_replayed_after_an_edit_here_merges_with_it(one_page_repo, user):
    replay(one_page_repo)
    edit_here(lambda text: text.replace("Line 5.", "Line 5, edited here."), user)
    commit_change(one_page_repo, "Line 1.", "Line 1, from Wiki.js.", "2024-02-01T10:00:00+00:00",
                  "Change the first line")
    assert "1 revisions" in replay(one_page_repo)
    page = Page.objects.get(path="notes")
    merged = page.current_revision
    assert "Line 1, from Wiki.js." in merged.markdown
    assert "Line 5, edited here." in merged.markdown
    assert merged.import_merged and merged.summary == (
        "Change the first line (merged with edits made here)")

    # The next commit starts from the last one's file, not from the merged text: the edit made
    # here stays.
    commit_change(one_page_repo, "Line 2.", "Line 2, from Wiki.js.", "2024-03-01T10:00:00+00:00",
                  "Change the second line")
    replay(one_page_repo)
    text = Page.objects.get(path="notes").current_revision.markdown
    assert "Line 2, from Wiki.js." in text and "Line 1, from Wiki.js." in text
    assert "Line 5, edited here." in text


def test_a_commit_that_changes_a_line_edited_here_is_refused_not_applied(one_page_repo, user):
    replay(one_page_repo)
    edit_here(lambda text: text.replace("Line 3.", "Line 3, edited here."), user)
    commit_change(one_page_repo, "Line 3.", "Line 3, from Wiki.js.", "2024-02-01T10:00:00+00:00",
                  "Change the third line")
    out, err = StringIO(), StringIO()
    with pytest.raises(CommandError):
        call_command("import_wikijs", "--git", str(one_page_repo), stdout=out, stderr=err)
    assert "notes.md" in err.getvalue() + out.getvalue()
    assert "edited here since the last import" in err.getvalue() + out.getvalue()
    page = Page.objects.get(path="notes")
    assert "Line 3, edited here." in page.current_revision.markdown
    assert page.current_revision.author == user
