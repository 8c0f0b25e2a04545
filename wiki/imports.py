"""Importing pages parsed from Wiki.js files (``wiki.wikijs``) through the same save as an edit:
used by ``manage.py import_wikijs`` and by the wiki's default content."""

from .editing import save_page
from .models import IMPORT_SUMMARY, Page
from .wikijs import WikiJsError


def import_page(parsed, render=True):
    """Save a parsed ``WikiJsPage``; returns ("created", "updated" or "unchanged", revision).
    ``render=False`` (bulk imports) leaves the revision for ``wiki.editing.store_rendered``.

    Raises WikiJsError (or ValidationError) with the reason when the page cannot be stored.
    """
    _check_lengths(parsed)
    result = save_page(
        path=parsed.path, title=parsed.title.strip(), markdown=parsed.body, author=None,
        summary=IMPORT_SUMMARY, description=parsed.description, tags=parsed.tags,
        published=parsed.published, created_at=parsed.created_at, saved_at=parsed.updated_at,
        editor=parsed.editor, render=render,
    )
    if not result.created:
        return "unchanged", None
    return ("created" if result.revision.number == 1 else "updated"), result.revision


def _check_lengths(parsed):
    # The database would refuse these with an error no person can read; say it plainly instead.
    for name, value in (("title", parsed.title), ("description", parsed.description)):
        limit = Page._meta.get_field(name).max_length
        if len(value) > limit:
            raise WikiJsError(f"the {name} is longer than {limit} characters")
