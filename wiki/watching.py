"""The wiki's section of the watchlist: the pages a person watches, latest change first."""

from .permissions import readable_pages


def section(user, request):
    """One query: each readable watched page with its current revision and that revision's
    author (a page moved to the recycle bin drops out, and comes back if it is restored)."""
    pages = (
        readable_pages(user)
        .filter(watches__user=user)
        .select_related("current_revision__author")
        .order_by("-updated_at", "path")
    )
    return {
        "title": "Pages",
        "template": "wiki/watching_section.html",
        "context": {"pages": list(pages)},
    }
