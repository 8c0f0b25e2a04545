"""Writing many pages at once (an import of a whole wiki): the same rows ``save_page`` writes,
in a few queries for a whole chunk instead of twenty per page. ``create_pages`` makes new pages,
``update_pages`` gives changed pages their new revision, and ``unchanged_paths`` finds, in one
query, the pages an import would leave as they are.

Bulk writes send no ``post_save`` or ``m2m_changed``, so what those signals do is done here
explicitly, in the same transaction: the search outbox is told (``enqueue``), and after an update
the page cache is invalidated and the pages' watchers are notified, as save_page does.
"""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import OuterRef, Subquery

from network_societies import pagecache
from notifications.service import notify_many
from search.outbox import enqueue

from .editing import checked_page, next_revision, own_links, save_notice, unchanged
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
    split_locale,
)


def new_paths(paths):
    """Those of ``paths`` (page paths) no page has yet, whatever the case: one query."""
    keys = {path_key(p): p for p in paths}
    taken = set(Page.objects.filter(path_key__in=keys).values_list("path_key", flat=True))
    return {p for key, p in keys.items() if key not in taken}


def unchanged_paths(items):
    """The paths of those ``items`` (save_page's keyword arguments) whose page already holds
    exactly that content, so that saving them would write nothing: one query for all of them.
    Anything else (a changed page, a page in the recycle bin, a path in another case) is left
    to ``save_page``, which says why it cannot be saved."""
    by_key = {path_key(item["path"]): item for item in items}
    pages = (Page.objects.filter(path_key__in=by_key, deleted_at__isnull=True,
                                 current_revision__isnull=False)
             .select_related("current_revision"))
    same = set()
    for page in pages:
        item = by_key[page.path_key]
        try:
            title, tag_names = checked_page(item["path"], item["title"], item["markdown"],
                                            item.get("tags", ()))
        except ValidationError:
            continue  # save_page says what is wrong with it
        current = page.current_revision
        if (page.path == item["path"] and page.editor == (item.get("editor") or page.editor)
                and current.markdown == item["markdown"] and current.title == title
                and current.description == item.get("description", "")
                and page.published == item.get("published", True)
                and sorted(current.tag_list()) == sorted(tag_names)):
            same.add(page.path)
    return same


def create_pages(items, render=None):
    """Create a page with its first revision for each item and return the revisions. ``items``
    are dicts of save_page's keyword arguments for new pages at distinct paths; a
    ValidationError names the first bad one, nothing written.

    ``render(revisions) -> [Rendered]`` (``BulkRenderer.render``) is called once the pages are
    in, so a ``[[Title]]`` finds a page of the same batch, and the revisions are stored rendered
    with their links. Without it they are stored unrendered, for ``editing.store_rendered``."""
    checked = []
    for item in items:
        title, tag_names = checked_page(item["path"], item["title"], item["markdown"],
                                        item.get("tags", ()))
        checked.append((item, title, tag_names))
    with transaction.atomic():
        pages = Page.objects.bulk_create([_page(item, title) for item, title, _ in checked])
        revisions = [
            Revision(
                page=page, number=1, title=title, description=item.get("description", ""),
                tags=", ".join(tag_names), markdown=item["markdown"],
                published=item.get("published", True),
                markup=markup_for_editor(page.editor), summary=item.get("summary", "")[:300],
                created_at=page.updated_at, author_name=item.get("author_name", ""),
                import_ref=item.get("import_ref", ""),
            )
            for page, (item, title, tag_names) in zip(pages, checked, strict=True)
        ]
        rendered = render(revisions) if render is not None else None
        for revision, result in zip(revisions, rendered or (), strict=True):
            revision.refresh_html(result)
        Revision.objects.bulk_create(revisions)
        # Each page's current revision is its first: one UPDATE, however many pages.
        Page.objects.filter(pk__in=[page.pk for page in pages]).update(
            current_revision=Subquery(
                Revision.objects.filter(page=OuterRef("pk"), number=1).values("pk")[:1]
            )
        )
        for page, revision in zip(pages, revisions, strict=True):
            page.current_revision, revision.page = revision, page
        _tag(pages, [tag_names for _, _, tag_names in checked])
        # A new page at a path that once redirected elsewhere takes the path over.
        PageRedirect.objects.filter(old_path__in=[p.path_key for p in pages]).delete()
        if rendered is not None:
            PageLink.objects.bulk_create([
                PageLink(source=page, target_path=target)
                for page, result in zip(pages, rendered, strict=True)
                for target in own_links(page, result.links)
            ], ignore_conflicts=True)
        enqueue(pages)
    return revisions


def update_pages(items, render=None):
    """Write a new revision for each item's existing page, as ``save_page`` would from the
    page's last import (``imports.import_base``), and return ``(revisions, rest)``. ``items``
    are save_page's keyword arguments, at distinct paths, already validated (``checked_page``).

    Only the plain case is written here: a live page at exactly the item's path whose content
    differs and whose current revision is an import's, read under the lock, so nothing saved here
    since can be overwritten. The rest (no page, a page in the recycle bin or at a path spelt
    differently, content already current, a page people saved since its import) is returned for
    ``imports.import_page``, which merges it, writes it or says why it cannot.
    ``render`` is as for ``create_pages``; without it the revisions are left for
    ``editing.store_rendered``. The pages are locked, in pk order, for the transaction."""
    by_key = {path_key(item["path"]): item for item in items}
    with transaction.atomic():
        # No select_related under the lock (see editing._lock_or_create): revisions read apart.
        pages = list(Page.objects.select_for_update().filter(path_key__in=by_key).order_by("pk"))
        currents = Revision.objects.in_bulk([p.current_revision_id for p in pages
                                             if p.current_revision_id])
        writing, revisions, names_per_page = [], [], []
        for page in pages:
            item = by_key[page.path_key]
            title, tag_names = checked_page(item["path"], item["title"], item["markdown"],
                                            item.get("tags", ()))
            current = currents.get(page.current_revision_id)
            fields = (title, item.get("description", ""), tag_names, item.get("published", True),
                      item["markdown"])
            editor = item.get("editor") or page.editor
            if page.path != item["path"] or page.deleted_at is not None or (
                    current and not current.is_import) or (
                    current and page.editor == editor and unchanged(page, current, *fields)):
                continue
            page.editor = editor
            revisions.append(next_revision(
                page, current, *fields, item.get("author"), item.get("summary", ""),
                item["saved_at"], item.get("author_name", ""), item.get("import_ref", ""),
            ))
            writing.append(page)
            names_per_page.append(tag_names)
        written = {page.path_key for page in writing}
        rest = [item for key, item in by_key.items() if key not in written]
        if not writing:
            return [], rest
        rendered = render(revisions) if render is not None else None
        for revision, result in zip(revisions, rendered or (), strict=True):
            revision.refresh_html(result)
        Revision.objects.bulk_create(revisions)
        for page, revision in zip(writing, revisions, strict=True):
            page.title, page.description = revision.title, revision.description
            page.published, page.updated_at = revision.published, revision.created_at
            page.current_revision = revision
        Page.objects.bulk_update(writing, ["editor", "title", "description", "published",
                                           "updated_at", "current_revision"])
        # What page.tags.set() does: the pages' tags become exactly the revision's.
        Page.tags.through.objects.filter(page__in=writing).delete()
        _tag(writing, names_per_page)
        if rendered is not None:
            PageLink.objects.filter(source__in=writing).delete()
            PageLink.objects.bulk_create([
                PageLink(source=page, target_path=target)
                for page, result in zip(writing, rendered, strict=True)
                for target in own_links(page, result.links)
            ], ignore_conflicts=True)
        enqueue(writing)
        pagecache.invalidate()
        _notify_watchers(writing, revisions)
    return revisions, rest


def _notify_watchers(pages, revisions):
    """save_page's notice to each page's watchers, for all the pages: two queries (an import's
    revisions have one author, none)."""
    watchers, by_author = {}, {}
    for page_id, user_id in Watch.objects.filter(page__in=pages).values_list("page", "user"):
        watchers.setdefault(page_id, []).append(user_id)
    for page, revision in zip(pages, revisions, strict=True):
        if page.pk in watchers:
            notice = save_notice(page, revision, revision.author, page_created=False)
            by_author.setdefault(revision.author, []).append((watchers[page.pk], notice))
    for author, notices in by_author.items():
        notify_many(notices, actor=author)


def _page(item, title):
    saved_at = item["saved_at"]
    page = Page(
        path=item["path"], title=title, description=item.get("description", ""),
        published=item.get("published", True), editor=item.get("editor") or "markdown",
        created_at=item.get("created_at") or saved_at, updated_at=saved_at,
    )
    # What Page.save() derives, since bulk_create does not call it.
    page.path_key = path_key(page.path)
    page.locale, rest = split_locale(page.path)
    page.translation_key = path_key(rest)
    return page


def _tag(pages, names_per_page):
    """Tag the pages (names already normalised by checked_page), creating the tags that do not
    exist yet: three queries, however many pages and tags."""
    slugs = {}
    for name in (name for names in names_per_page for name in names):
        slugs.setdefault(normalise_tag(name)[1], name)  # the first name written, as for_names
    if not slugs:
        return
    missing = slugs.keys() - set(Tag.objects.filter(slug__in=slugs).values_list("slug", flat=True))
    if missing:
        Tag.objects.bulk_create([Tag(name=slugs[slug], slug=slug) for slug in sorted(missing)],
                                ignore_conflicts=True)
    by_slug = {tag.slug: tag for tag in Tag.objects.filter(slug__in=slugs)}
    through = Page.tags.through
    through.objects.bulk_create([
        through(page_id=page.pk, tag_id=by_slug[normalise_tag(name)[1]].pk)
        for page, names in zip(pages, names_per_page, strict=True) for name in names
    ], ignore_conflicts=True)
