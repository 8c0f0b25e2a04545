"""Creating many new pages at once (an import into a wiki that does not have them yet): the
same rows ``save_page`` writes for a new page, in a few queries for a whole chunk instead of
twenty per page. Pages that already exist go through ``save_page`` as usual.

Bulk inserts send no ``post_save``, so the search outbox is told explicitly (``enqueue``), in
the same transaction, as the signal would have.
"""

from django.db import transaction

from search.outbox import enqueue

from .editing import checked_page
from .models import (
    Page,
    PageRedirect,
    Revision,
    Tag,
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


def create_pages(items):
    """Create a page with its first revision for each item and return the revisions (unrendered,
    for ``editing.store_rendered``). ``items`` are dicts of save_page's keyword arguments for
    new pages at distinct paths; a ValidationError names the first bad one, nothing written."""
    checked = []
    for item in items:
        title, tag_names = checked_page(item["path"], item["title"], item["markdown"],
                                        item.get("tags", ()))
        checked.append((item, title, tag_names))
    with transaction.atomic():
        pages = Page.objects.bulk_create([_page(item, title) for item, title, _ in checked])
        revisions = Revision.objects.bulk_create([
            Revision(
                page=page, number=1, title=title, description=item.get("description", ""),
                tags=", ".join(tag_names), markdown=item["markdown"],
                published=item.get("published", True),
                markup=markup_for_editor(page.editor), summary=item.get("summary", "")[:300],
                created_at=page.updated_at, author_name=item.get("author_name", ""),
                import_ref=item.get("import_ref", ""),
            )
            for page, (item, title, tag_names) in zip(pages, checked, strict=True)
        ])
        for page, revision in zip(pages, revisions, strict=True):
            page.current_revision, revision.page = revision, page
        Page.objects.bulk_update(pages, ["current_revision"])
        _tag(pages, [tag_names for _, _, tag_names in checked])
        # A new page at a path that once redirected elsewhere takes the path over.
        PageRedirect.objects.filter(old_path__in=[p.path_key for p in pages]).delete()
        enqueue(pages)
    return revisions


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
    wanted = {name for names in names_per_page for name in names}
    if not wanted:
        return
    by_slug = {tag.slug: tag for tag in Tag.objects.for_names(sorted(wanted))}
    through = Page.tags.through
    through.objects.bulk_create([
        through(page_id=page.pk, tag_id=by_slug[normalise_tag(name)[1]].pk)
        for page, names in zip(pages, names_per_page, strict=True) for name in names
    ], ignore_conflicts=True)
