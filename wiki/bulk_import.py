"""Creating many new pages at once (an import into a wiki that does not have them yet): the
same rows ``save_page`` writes for a new page, in a few queries for a whole chunk instead of
twenty per page; and finding, in one query, the pages an import would leave as they are. Pages
that already exist and change go through ``save_page`` as usual.

Bulk inserts send no ``post_save``, so the search outbox is told explicitly (``enqueue``), in
the same transaction, as the signal would have.
"""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import OuterRef, Subquery

from search.outbox import enqueue

from .editing import checked_page, own_links
from .models import (
    Page,
    PageLink,
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
