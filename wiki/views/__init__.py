"""The wiki's views, one module per job: pages (read), editor, history, actions (move, delete...).

Helpers shared by them live here: finding a page the person may act on, and breadcrumbs.
"""

from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404

from ..models import Page, validate_page_path
from ..permissions import can_read


def valid_path_or_404(path):
    try:
        validate_page_path(path)
    except ValidationError as error:
        raise Http404(error.messages[0]) from None
    return path


def page_for(request, path, check=can_read, queryset=None):
    """The page at ``path`` if ``check(user, page)`` allows it.

    404 when the person may not even read it (so hidden pages stay hidden), 403 when they may
    read it but not do this.
    """
    queryset = queryset if queryset is not None else Page.objects.select_related("current_revision")
    page = queryset.at(valid_path_or_404(path)).first()
    if page is None or not can_read(request.user, page):
        raise Http404("No such page.")
    if not check(request.user, page):
        raise PermissionDenied("You may not do this to this page.")
    return page


def breadcrumbs(path):
    """[(label, url)] for each parent path of ``path``: a/pop-ups/c → ("A", "/a"),
    ("Pop ups", "/a/pop-ups"). Labels come from the path, so breadcrumbs cost no query."""
    segments = path.split("/")
    return [
        (_label(segments[i]), "/" + "/".join(segments[: i + 1])) for i in range(len(segments) - 1)
    ]


def _label(segment):
    return segment.replace("-", " ").replace("_", " ").capitalize()
