"""Importing pages parsed from Wiki.js files (``wiki.wikijs``) through the same save as an edit:
used by ``manage.py import_wikijs`` (which writes most pages in bulk, ``wiki.bulk_import``) and by
the wiki's default content."""

from django.db.models import Q
from django.utils import timezone

from .editing import EditConflict, save_page
from .models import IMPORT_MERGED_SUMMARY, IMPORT_SUMMARY, Page, Revision, path_key
from .wikijs import WikiJsError


def page_fields(parsed):
    """save_page's keyword arguments for a parsed WikiJsPage."""
    return {
        "path": parsed.path, "title": parsed.title.strip(), "markdown": parsed.body,
        "author": None, "summary": IMPORT_SUMMARY, "description": parsed.description,
        "tags": parsed.tags, "published": parsed.published, "created_at": parsed.created_at,
        "saved_at": parsed.updated_at or timezone.now(), "editor": parsed.editor,
    }


def import_page(parsed, render=True):
    """Save a parsed ``WikiJsPage``; returns ("created", "updated" or "unchanged", revision).
    ``render=False`` (bulk imports) leaves the revision for ``wiki.editing.store_rendered``.

    Raises WikiJsError (or ValidationError) with the reason when the page cannot be stored.
    """
    check_lengths(parsed)
    try:
        result = save_page(**page_fields(parsed), render=render,
                           base_revision=import_base(parsed.path),
                           merged_summary=IMPORT_MERGED_SUMMARY)
    except EditConflict as conflict:
        raise collision(conflict) from None
    if not result.created:
        return "unchanged", None
    return ("created" if result.revision.number == 1 else "updated"), result.revision


FIELD_NAMES = {"markdown": "text"}


def import_base(path):
    """The number of the page's last revision holding an imported file exactly (a folder's or a
    replayed commit's; None: never imported): what an import of it "read", as an edit form
    carries the revision it was read at.

    An import writes without reading the page, so without this it would replace whatever people
    saved here since, including a save acknowledged a moment before (a re-import racing the
    edit form). From its base, save_page merges the file's changes with theirs, or raises
    EditConflict where both changed the same lines. A merged import revision is not the file's
    text (``import_merged``), so the next import still starts from the one before it."""
    return (Revision.objects.filter(page__path_key=path_key(path), author__isnull=True,
                                    import_merged=False)
            .filter(Q(summary=IMPORT_SUMMARY) | ~Q(import_ref=""))
            .order_by("-number").values_list("number", flat=True).first())


def collision(conflict):
    """The WikiJsError of a file whose change collides with what people saved here."""
    changed = ", ".join(FIELD_NAMES.get(c.name, c.name) for c in conflict.conflicts)
    return WikiJsError(
        f"edited here since the last import, where the file changed it too ({changed}): "
        "left as it is; bring the file's change in by hand"
    )


def check_lengths(parsed):
    # The database would refuse these with an error no person can read; say it plainly instead.
    for name, value in (("title", parsed.title), ("description", parsed.description)):
        limit = Page._meta.get_field(name).max_length
        if len(value) > limit:
            raise WikiJsError(f"the {name} is longer than {limit} characters")
