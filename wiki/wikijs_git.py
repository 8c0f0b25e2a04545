"""Replaying a Wiki.js git-storage repository: every commit that touched a page becomes a revision
with the commit's author name, date and message, oldest first; a rename is a move (the old path
redirects); a deletion sends the page to the recycle bin.

The repository is read with the ``git`` command itself (no library to trust with odd repos), one
``git log`` for the whole history and one ``git cat-file --batch`` process for every file's
content. Each revision remembers its commit (``Revision.import_ref``), so replaying again, or
after new commits, writes only what is new; a page people edited here since is merged with the
commit's change, never overwritten (``wiki.imports.import_base``).
"""

import shutil
import subprocess
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import PurePosixPath

from django.core.exceptions import ValidationError
from django.db import transaction

from .editing import EditConflict, delete_page, move_page, restore_page, save_page
from .imports import collision, import_base
from .models import IMPORT_SUMMARY, Page, Revision, path_key
from .wikijs import EXTENSIONS, WikiJsError, parse, path_from_file

GIT_TIMEOUT = 600
_RECORD, _FIELD = "\x1e", "\x1f"


class GitHistoryError(RuntimeError):
    """The folder is not a readable git repository; the message says why."""


@dataclass
class Change:
    status: str  # "A", "M", "D" or "R"
    file: str
    old_file: str = ""


@dataclass
class Commit:
    ref: str
    author: str
    date: datetime
    message: str
    changes: list = field(default_factory=list)


def _git(folder, *args, stdin=None):
    program = shutil.which("git")
    if program is None:
        raise GitHistoryError("git is not installed")
    try:
        done = subprocess.run(  # noqa: S603 (fixed program, arguments from us)
            [program, "-C", str(folder), *args], input=stdin, capture_output=True,
            timeout=GIT_TIMEOUT, check=False,
        )
    except subprocess.TimeoutExpired:
        raise GitHistoryError(f"git {args[0]} took more than {GIT_TIMEOUT} s") from None
    if done.returncode:
        raise GitHistoryError(done.stderr.decode("utf-8", "replace").strip()[-300:])
    return done.stdout


def commits(folder):
    """The repository's commits that touch page files, oldest first."""
    out = _git(
        folder, "-c", "core.quotepath=off", "log", "--reverse", "--no-merges", "-M", "-z",
        f"--format={_RECORD}%H{_FIELD}%an{_FIELD}%aI{_FIELD}%B{_FIELD}", "--name-status",
    ).decode("utf-8", "replace")
    found = []
    for record in out.split(_RECORD)[1:]:
        ref, author, date, message, names = record.split(_FIELD, 4)
        commit = Commit(ref, author.strip(), datetime.fromisoformat(date), message.strip())
        parts = [p for p in names.strip("\n\x00").split("\x00")]
        index = 0
        while index < len(parts):
            status = parts[index].strip()
            if not status:
                index += 1
                continue
            if status[0] in "RC":
                old, new = parts[index + 1], parts[index + 2]
                index += 3
                if status[0] == "R":
                    commit.changes.append(Change("R", new, old))
                else:
                    commit.changes.append(Change("A", new))
            else:
                commit.changes.append(Change(status[0], parts[index + 1]))
                index += 2
        commit.changes = [c for c in commit.changes if _is_page_file(c.file)]
        if commit.changes:
            found.append(commit)
    return found


def _is_page_file(name):
    return PurePosixPath(name).suffix.lower() in EXTENSIONS and not name.startswith(".")


def blobs(folder, specs):
    """{"<ref>:<file>": text} for every spec, read by one ``git cat-file --batch``."""
    if not specs:
        return {}
    out = _git(folder, "cat-file", "--batch", stdin="".join(f"{s}\n" for s in specs).encode())
    texts, position = {}, 0
    for spec in specs:
        header_end = out.index(b"\n", position)
        header = out[position:header_end].split()
        if len(header) < 3 or header[1] == b"missing":
            position = header_end + 1
            continue
        size = int(header[2])
        data = out[header_end + 1 : header_end + 1 + size]
        position = header_end + 1 + size + 1
        texts[spec] = data.decode("utf-8", "replace")
    return texts


@dataclass
class Replay:
    revisions: int = 0
    moves: int = 0
    deletions: int = 0
    refused: list = field(default_factory=list)  # (commit:file, reason)


def replay(folder):
    """Replay the history of the repository at ``folder``; returns a Replay summary."""
    history = commits(folder)
    contents = blobs(folder, [
        f"{c.ref}:{change.file}" for c in history for change in c.changes if change.status != "D"
    ])
    result = Replay()
    # Commits replayed before (any revision made from them): skipped whole, moves included.
    done = set(Revision.objects.exclude(import_ref="").values_list("import_ref", flat=True))
    for commit in history:
        if commit.ref in done:
            continue
        for change in commit.changes:
            try:
                with transaction.atomic():
                    _apply(commit, change, contents, result)
            except (WikiJsError, ValidationError) as error:
                reason = " ".join(error.messages) if isinstance(error, ValidationError) else error
                result.refused.append((f"{commit.ref[:10]}:{change.file}", str(reason)))
    return result


def _apply(commit, change, contents, result):
    path = path_from_file(change.file)
    if change.status == "D":
        page = Page.objects.live().at(path).first()
        if page is not None:
            delete_page(page, by=None)
            result.deletions += 1
        return
    if change.status == "R":
        old = Page.objects.at(path_from_file(change.old_file)).first()
        if old is not None and path_key(old.path) != path_key(path):
            move_page(old, path, by=None)
            result.moves += 1
    page = Page.objects.at(path).first()
    if page is not None and page.deleted_at is not None:
        restore_page(page, by=None)  # deleted in an earlier commit, written again in this one
    text = contents.get(f"{commit.ref}:{change.file}")
    if text is None:
        raise WikiJsError("the file's content is missing from the repository")
    parsed = parse(text, path=path, html=change.file.lower().endswith(".html"))
    summary = commit.message.splitlines()[0] if commit.message else IMPORT_SUMMARY
    try:
        # From the page's last imported file, as a folder import does: a commit replayed after
        # people edited the page here merges with their edits instead of replacing them.
        saved = save_page(
            path=path, title=parsed.title.strip(), markdown=parsed.body, author=None,
            summary=summary, description=parsed.description, tags=parsed.tags,
            published=parsed.published, created_at=parsed.created_at or commit.date,
            saved_at=commit.date, editor=parsed.editor, author_name=commit.author,
            import_ref=commit.ref, base_revision=import_base(path),
            merged_summary=f"{summary[:260]} (merged with edits made here)",
        )
    except EditConflict as conflict:
        raise collision(conflict) from None
    if saved.created:
        result.revisions += 1
