"""Changing pages: saving (the one place a revision is written), reverting, moving, deleting,
restoring and protecting, each in one transaction with the page row locked.

``save_page`` is used by the editor, the admin, reverts and the Wiki.js importer. An edit
started from an older revision is merged with what was saved meanwhile, field by field (title,
description, published; tags as a set) and the text line by line (three-way, like version control,
``network_societies.merging``); if both changed the same field or the same lines,
``EditConflict`` is raised and nothing is saved.
"""

from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from markup.limits import counted_length
from network_societies import merging
from network_societies.merging import merge_texts  # noqa: F401 - kept importable from here
from notifications.service import notify

from .models import (
    Page,
    PageLink,
    PageRedirect,
    Revision,
    Tag,
    Watch,
    markup_for_editor,
    normalise_tag,
    path_key,
    validate_page_path,
)


@dataclass(frozen=True)
class SaveResult:
    page: Page
    revision: Revision
    created: bool  # a new revision was written
    merged: bool  # it was merged with changes saved since the editor started


class EditConflict(merging.EditConflict):
    """Someone saved since the editor started and changed the same fields or lines; nothing was
    saved. Besides the shared conflict's fields it names the revisions involved."""

    def __init__(self, *, conflicts, values, theirs, mine, base=None):
        super().__init__(conflicts=conflicts, values=values, version=theirs.number,
                         by=theirs.author, at=theirs.created_at)
        body = next((c for c in self.conflicts if c.name == "markdown"), None)
        self.theirs = theirs  # the Revision saved meanwhile (now current)
        self.mine = mine  # the markdown the person submitted
        self.merged = body.merged_text if body else ""  # the text with conflict markers
        self.body_conflict = body is not None
        self.base = base  # the Revision the editor started from, or None for a new page


def save_page(*, path, title, markdown, author, summary="", description="", tags=(),
              published=True, base_revision=None, created_at=None, saved_at=None, editor=None,
              render=True, author_name="", import_ref="", merged_summary=None):
    """Write a new revision of the page at ``path`` (creating the page) and return a SaveResult.

    ``base_revision`` is what the editor started from: a Revision, its number, 0 for "a page that
    did not exist", or None for "whatever is current" (imports and scripts). Content identical
    to the current revision writes nothing. ``editor`` (Wiki.js's: "markdown", "ckeditor",
    "code") is set on the page when given; the page keeps its own otherwise. ``render=False``
    (bulk imports) stores the revision unrendered, for ``store_rendered`` to fill in; its links
    are recorded then. ``author_name`` and ``import_ref`` record imported history (a commit's
    author and id). ``merged_summary`` replaces ``summary`` when the save was merged, decided
    under the lock, and marks the revision ``import_merged`` (an import's that is not its file's
    text). Raises
    ValidationError or EditConflict.
    """
    title, tag_names = checked_page(path, title, markdown, tags)
    saved_at = saved_at or timezone.now()

    with transaction.atomic():
        page, page_created = _lock_or_create(path, title, author, created_at or saved_at)
        if page.deleted_at is not None:
            raise ValidationError("A page at this path is in the recycle bin; ask a Moderator.")
        current = page.current_revision
        mine = {"title": title, "description": description, "tags": tag_names,
                "published": published, "markdown": markdown}
        saving, merged = _merge_if_behind(page, current, base_revision, mine)
        title, description, published, markdown = (
            saving[name] for name in ("title", "description", "published", "markdown")
        )
        if sorted(tag_names) != saving["tags"]:
            tag_names = saving["tags"]
        import_merged = merged and merged_summary is not None
        if import_merged:
            summary = merged_summary
        editor = editor or page.editor
        if current and not page_created and page.editor == editor and unchanged(
            page, current, title, description, tag_names, published, markdown
        ):
            return SaveResult(page, current, created=False, merged=False)
        page.editor = editor

        revision = _write_revision(
            page, current, title, description, tag_names, published, markdown, author, summary,
            saved_at, render, author_name=author_name, import_ref=import_ref,
            import_merged=import_merged,
        )
        page.title, page.description, page.published = title, description, published
        page.current_revision, page.updated_at = revision, saved_at
        page.save()
        page.tags.set(Tag.objects.for_names(tag_names))
        if render:
            _record_links(page, revision.links)
        if author is not None:
            Watch.objects.get_or_create(user=author, page=page)
        _notify_watchers(page, revision, author, page_created)
    return SaveResult(page, revision, created=True, merged=merged)


def checked_page(path, title, markdown, tags):
    """Validate what a save writes; returns (title, tag names) cleaned. Raises ValidationError."""
    validate_page_path(path)
    title = (title or "").strip()
    if not title:
        raise ValidationError("A page needs a title.")
    counted = counted_length(markdown)
    if counted > settings.WIKI_MAX_BODY_CHARS:
        raise ValidationError(
            f"The page is too long: {counted:,} characters (embedded diagrams and images not "
            f"counted), at most {settings.WIKI_MAX_BODY_CHARS:,}."
        )
    return title, list(dict.fromkeys(normalise_tag(t)[0] for t in tags))


def _lock_or_create(path, title, author, created_at):
    # No select_related here: on PostgreSQL a row re-read after waiting for the lock comes with
    # joined rows from the old snapshot (a current revision of None), so the revision is read
    # afterwards, in a query of its own.
    page = Page.objects.select_for_update().at(path)
    found = page.first()
    if found and found.path != path:
        raise ValidationError(
            f"There is already a page at /{found.path}; paths differing only by case are the "
            "same page."
        )
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
    PageRedirect.objects.filter(old_path=path_key(path)).delete()
    return created, True


def _merge_if_behind(page, current, base_revision, mine):
    """Return (fields to save, merged?) or raise EditConflict."""
    if base_revision is None or current is None:
        return mine, False
    base_number = int(getattr(base_revision, "number", base_revision))
    if base_number == current.number:
        return mine, False
    base = page.revisions.filter(number=base_number).first() if base_number else None
    result = merging.merge_fields(
        _fields(base), _fields(current, published=page.published),
        {**mine, "tags": sorted(mine["tags"])}, text_fields=("markdown",),
        set_fields=("tags",),
    )
    if result.conflicts:
        raise EditConflict(conflicts=result.conflicts, values=result.values, theirs=current,
                           mine=mine["markdown"], base=base)
    return result.values, result.merged


def _fields(revision, published=None):
    """A revision's page fields as merging compares them (a page not yet created is empty)."""
    if revision is None:
        return {"title": "", "description": "", "tags": [], "published": True, "markdown": ""}
    return {
        "title": revision.title, "description": revision.description,
        "tags": sorted(revision.tag_list()), "markdown": revision.markdown,
        "published": revision.published if published is None else published,
    }


def unchanged(page, current, title, description, tag_names, published, markdown):
    """True when the page and its current revision already hold these fields: nothing to save."""
    return (
        current.markdown == markdown and current.title == title
        and current.description == description and page.published == published
        and sorted(current.tag_list()) == sorted(tag_names)
    )


def next_revision(page, current, title, description, tag_names, published, markdown, author,
                  summary, saved_at, author_name="", import_ref=""):
    """The unsaved revision that follows ``current`` (None: the page's first) on ``page``: its
    number and parent, which the edit-conflict check and the one-child constraint rely on, are
    decided here for save_page and for the import's bulk update (wiki.bulk_import) alike."""
    return Revision(
        page=page, number=current.number + 1 if current else 1, parent=current,
        title=title, description=description, tags=", ".join(tag_names), published=published,
        markup=markup_for_editor(page.editor), markdown=markdown, author=author,
        summary=summary[:300], created_at=saved_at,
        author_name=author_name[:150], import_ref=import_ref,
    )


def _write_revision(page, current, title, description, tag_names, published, markdown, author,
                    summary, saved_at, render=True, author_name="", import_ref="",
                    import_merged=False):
    revision = next_revision(page, current, title, description, tag_names, published, markdown,
                             author, summary, saved_at, author_name, import_ref)
    revision.import_merged = import_merged
    # Unrendered (render=False): html "" at renderer version 0, filled in by store_rendered.
    rendered = revision.refresh_html() if render else None
    revision.save()
    revision.links = own_links(page, rendered.links) if rendered else []
    return revision


def own_links(page, links):
    """The page paths ``links`` names, each once, the page's own left out."""
    return [p for p in dict.fromkeys(links) if p != page.path_key]


def store_rendered(revisions, rendered):
    """Store the HTML and links ``rendered`` (Rendered objects, in order) for current
    ``revisions`` saved with ``render=False``: a few queries for all of them."""
    from markup import RENDERER_VERSION

    if not revisions:
        return
    for revision, result in zip(revisions, rendered, strict=True):
        revision.html, revision.renderer_version = result.html, RENDERER_VERSION
    Revision.objects.bulk_update(revisions, ["html", "renderer_version"], batch_size=200)
    pages = [revision.page for revision in revisions]
    PageLink.objects.filter(source__in=pages).delete()
    PageLink.objects.bulk_create([
        PageLink(source=page, target_path=target)
        for page, result in zip(pages, rendered, strict=True)
        for target in own_links(page, result.links)
    ], ignore_conflicts=True)


def _record_links(page, paths):
    """Make the page's PageLinks exactly ``paths`` (what its current revision links to)."""
    page.outgoing_links.exclude(target_path__in=paths).delete()
    PageLink.objects.bulk_create(
        [PageLink(source=page, target_path=p) for p in paths], ignore_conflicts=True
    )


def _notify_watchers(page, revision, author, page_created):
    watchers = Watch.objects.filter(page=page).values_list("user_id", flat=True)
    notify(watchers, actor=author, **save_notice(page, revision, author, page_created))


def save_notice(page, revision, author, page_created):
    """What the page's watchers are told of a save: notify()'s verb, text and url."""
    who = author.get_username() if author else "An import"
    verb = "created" if page_created else "edited"
    url = page.get_absolute_url() if page_created else (
        f"/wiki/diff/{page.path}/?from={revision.number - 1}&to={revision.number}"
    )
    return {"verb": verb, "text": f'{who} {verb} the page "{page.title}"', "url": url}


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
        if Page.objects.at(new_path).exclude(pk=page.pk).exists():
            raise ValidationError(f"There is already a page at /{new_path} (paths ignore case).")
        PageRedirect.objects.filter(old_path=path_key(new_path)).delete()
        page.path = new_path
        page.save(update_fields=["path"])
        if path_key(old_path) != page.path_key:
            PageRedirect.objects.create(old_path=path_key(old_path), page=page)
        _rerender_from_new_path(page)
        _tell_watchers(page, by, "moved", f"from /{old_path} to /{new_path}")
    return page


def _rerender_from_new_path(page):
    """Relative links and files resolve from the page's path (markup/references.py), so the
    stored HTML of a moved page is rendered again, by the markup task, after the commit."""
    from markup.tasks import rerender_stale
    from network_societies.background import enqueue_on_commit

    if page.current_revision_id:
        Revision.objects.filter(pk=page.current_revision_id).update(renderer_version=0)
        enqueue_on_commit(rerender_stale)


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
