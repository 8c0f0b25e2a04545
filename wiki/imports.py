"""Importing pages parsed from Wiki.js files (``wiki.wikijs``) through the same save as an edit:
used by ``manage.py import_wikijs`` (which writes most pages in bulk, ``wiki.bulk_import``) and by
the wiki's default content."""

from django.utils import timezone

from .editing import save_page
from .models import IMPORT_SUMMARY, Page
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
    result = save_page(**page_fields(parsed), render=render)
    if not result.created:
        return "unchanged", None
    return ("created" if result.revision.number == 1 else "updated"), result.revision


def check_lengths(parsed):
    # The database would refuse these with an error no person can read; say it plainly instead.
    for name, value in (("title", parsed.title), ("description", parsed.description)):
        limit = Page._meta.get_field(name).max_length
        if len(value) > limit:
            raise WikiJsError(f"the {name} is longer than {limit} characters")
