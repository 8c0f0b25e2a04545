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
