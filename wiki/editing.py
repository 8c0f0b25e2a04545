"""Changing pages: saving (the one place a revision is written), reverting, moving, deleting,
restoring and protecting, each in one transaction with the page row locked.

``save_page`` is used by the editor, reverts and the Wiki.js importer. An edit started from an
older revision is merged line by line with what was saved meanwhile (three-way, like version
control); if the two touch the same lines, ``EditConflict`` is raised and nothing is saved.
"""

from dataclasses import dataclass

import merge3
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from notifications.service import notify

from .models import (
    Page,
    PageLink,
    PageRedirect,
    Revision,
    Tag,
    Watch,
    normalise_tag,
    validate_page_path,
)


@dataclass(frozen=True)
class SaveResult:
    page: Page
    revision: Revision
    created: bool  # a new revision was written
    merged: bool  # it was merged with changes saved since the editor started


class EditConflict(Exception):
    """Someone saved since the editor started and the changes overlap; nothing was saved."""

    def __init__(self, *, theirs, mine, merged, base=None):
        super().__init__("The page was changed meanwhile and the changes overlap.")
        self.theirs = theirs  # the Revision saved meanwhile (now current)
        self.mine = mine  # the markdown the person submitted
        self.merged = merged  # a merge with conflict markers, for reference
        self.base = base  # the Revision the editor started from, or None for a new page


def save_page(*, path, title, markdown, author, summary="", description="", tags=(),
              published=True, base_revision=None, created_at=None, saved_at=None):
    """Write a new revision of the page at ``path`` (creating the page) and return a SaveResult.

    ``base_revision`` is what the editor started from: a Revision, its number, 0 for "a page that
    did not exist", or None for "whatever is current" (imports and scripts). Content identical
    to the current revision writes nothing. Raises ValidationError or EditConflict.
    """
    validate_page_path(path)
    title = (title or "").strip()
    if not title:
        raise ValidationError("A page needs a title.")
    if len(markdown) > settings.WIKI_MAX_BODY_CHARS:
        raise ValidationError(
            f"The page is too long: {len(markdown):,} characters, at most "
            f"{settings.WIKI_MAX_BODY_CHARS:,}."
        )
    tag_names = list(dict.fromkeys(normalise_tag(t)[0] for t in tags))
    saved_at = saved_at or timezone.now()

    with transaction.atomic():
        page, page_created = _lock_or_create(path, title, author, created_at or saved_at)
        if page.deleted_at is not None:
            raise ValidationError("A page at this path is in the recycle bin; ask a Moderator.")
        current = page.current_revision
        markdown, merged = _merge_if_behind(page, current, base_revision, markdown)
        if current and not page_created and _unchanged(
            page, current, title, description, tag_names, published, markdown
        ):
            return SaveResult(page, current, created=False, merged=False)

        revision = _write_revision(
            page, current, title, description, tag_names, markdown, author, summary, saved_at
        )
        page.title, page.description, page.published = title, description, published
        page.current_revision, page.updated_at = revision, saved_at
        page.save()
        page.tags.set(Tag.objects.for_names(tag_names))
        _record_links(page, revision.links)
        if author is not None:
            Watch.objects.get_or_create(user=author, page=page)
        _notify_watchers(page, revision, author, page_created)
    return SaveResult(page, revision, created=True, merged=merged)


def _lock_or_create(path, title, author, created_at):
    # No select_related here: on PostgreSQL a row re-read after waiting for the lock comes with
    # joined rows from the old snapshot (a current revision of None), so the revision is read
    # afterwards, in a query of its own.
    page = Page.objects.select_for_update().filter(path=path)
    found = page.first()
    if found:
        return found, False
    try:
        # A savepoint, so losing a race to create the same page leaves our transaction usable.
        with transaction.atomic():
            created = Page.objects.create(
                path=path, title=title, created_at=created_at, updated_at=created_at,
                created_by=author,
            )
    except IntegrityError:
        return page.get(), False
    # A new page at a path that once redirected elsewhere takes the path over.
    PageRedirect.objects.filter(old_path=path).delete()
    return created, True


def _merge_if_behind(page, current, base_revision, mine):
    """Return (markdown to save, merged?) or raise EditConflict."""
    if base_revision is None or current is None:
        return mine, False
    base_number = getattr(base_revision, "number", base_revision)
    if int(base_number) == current.number:
        return mine, False
    base = page.revisions.filter(number=base_number).first() if base_number else None
    base_text = base.markdown if base else ""
    theirs = current.markdown
    if mine in (theirs, base_text):
        # Either both made the same change, or I changed nothing: keep theirs as it is.
        return theirs, mine != theirs
    result, clean = merge_texts(base_text, theirs, mine)
    if not clean:
        raise EditConflict(theirs=current, mine=mine, merged=result, base=base)
    return result, True


def merge_texts(base, theirs, mine):
    """Three-way line merge; returns (text, clean). Conflicts are marked like git does."""
    m = merge3.Merge3(
        base.splitlines(True), theirs.splitlines(True), mine.splitlines(True)
    )
    lines = list(m.merge_lines(
        name_a="their version", name_b="your version",
        start_marker="<<<<<<<", mid_marker="=======", end_marker=">>>>>>>",
    ))
    clean = not any(region[0] == "conflict" for region in m.merge_regions())
    return "".join(lines), clean


def _unchanged(page, current, title, description, tag_names, published, markdown):
    return (
        current.markdown == markdown and current.title == title
        and current.description == description and page.published == published
        and sorted(current.tag_list()) == sorted(tag_names)
    )


def _write_revision(page, current, title, description, tag_names, markdown, author, summary,
                    saved_at):
    from markup import RENDERER_VERSION, render_markdown

    rendered = render_markdown(markdown, resolve_title=Page.objects.paths_for_titles)
    revision = Revision.objects.create(
        page=page, number=current.number + 1 if current else 1, parent=current,
        title=title, description=description, tags=", ".join(tag_names),
        markdown=markdown, html=rendered.html, renderer_version=RENDERER_VERSION,
        author=author, summary=summary[:300], created_at=saved_at,
    )
    revision.links = [p for p in dict.fromkeys(rendered.links) if p != page.path]
    return revision


def _record_links(page, paths):
    """Make the page's PageLinks exactly ``paths`` (what its current revision links to)."""
    page.outgoing_links.exclude(target_path__in=paths).delete()
    PageLink.objects.bulk_create(
        [PageLink(source=page, target_path=p) for p in paths], ignore_conflicts=True
    )


def _notify_watchers(page, revision, author, page_created):
    watchers = Watch.objects.filter(page=page).values_list("user_id", flat=True)
    who = author.get_username() if author else "An import"
    verb = "created" if page_created else "edited"
    url = page.get_absolute_url() if page_created else (
        f"/wiki/diff/{page.path}/?from={revision.number - 1}&to={revision.number}"
    )
    notify(watchers, actor=author, verb=verb, text=f'{who} {verb} the page "{page.title}"', url=url)


def revert_page(page, revision, *, author):
    """Write a new revision with the content of an old one (never touching either)."""
    return save_page(
        path=page.path, title=revision.title, markdown=revision.markdown, author=author,
        description=revision.description, tags=revision.tag_list(), published=page.published,
        summary=f"Reverted to revision {revision.number}", base_revision=page.current_revision,
    )


def _locked(page):
    return Page.objects.select_for_update().get(pk=page.pk)


def move_page(page, new_path, *, by):
    """Give the page a new path; the old one redirects to it, so links to it keep working."""
    validate_page_path(new_path)
    with transaction.atomic():
        page = _locked(page)
        old_path = page.path
        if Page.objects.filter(path=new_path).exists():
            raise ValidationError(f"There is already a page at /{new_path}.")
        PageRedirect.objects.filter(old_path=new_path).delete()
        page.path = new_path
        page.save(update_fields=["path"])
        PageRedirect.objects.create(old_path=old_path, page=page)
        _tell_watchers(page, by, "moved", f"from /{old_path} to /{new_path}")
    return page


def delete_page(page, *, by):
    """Move the page to the recycle bin; nothing is lost, a Moderator can restore it."""
    with transaction.atomic():
        page = _locked(page)
        page.deleted_at, page.deleted_by = timezone.now(), by
        page.save(update_fields=["deleted_at", "deleted_by"])
        _tell_watchers(page, by, "deleted", "into the recycle bin")
    return page


def restore_page(page, *, by):
    with transaction.atomic():
        page = _locked(page)
        page.deleted_at, page.deleted_by = None, None
        page.save(update_fields=["deleted_at", "deleted_by"])
        _tell_watchers(page, by, "restored", "from the recycle bin")
    return page


def protect_page(page, protected, *, by):
    with transaction.atomic():
        page = _locked(page)
        page.protected = protected
        page.save(update_fields=["protected"])
    return page


def _tell_watchers(page, actor, verb, detail):
    watchers = Watch.objects.filter(page=page).values_list("user_id", flat=True)
    who = actor.get_username() if actor else "Someone"
    text = f'{who} {verb} the page "{page.title}" {detail}'
    notify(watchers, actor=actor, verb=verb, text=text, url=page.get_absolute_url())
