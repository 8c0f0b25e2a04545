"""A page's history: the list of revisions, one old revision, a diff of any two, and revert.

Every view checks that the person may read the page; revert is a POST that writes a new
revision.
"""

from django.contrib import messages
from django.core.paginator import Paginator
from django.db.models.functions import Length
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from markup.links import mark_red_links

from ..diff import diff_texts
from ..editing import EditConflict, revert_page
from ..permissions import can_edit
from . import breadcrumbs, page_for

REVISIONS_PER_PAGE = 50
MAX_REVISION_NUMBER = 2**31 - 1  # larger numbers in a query string are not revisions


def history(request, path):
    """``/wiki/history/<path>``: revisions newest first, with author, time, summary, size change."""
    page = page_for(request, path)
    revisions = (
        page.revisions.select_related("author")
        .annotate(chars=Length("markdown"), parent_chars=Length("parent__markdown"))
        .defer("markdown", "html").order_by("-number")
    )
    page_obj = Paginator(revisions, REVISIONS_PER_PAGE).get_page(request.GET.get("page"))
    for revision in page_obj:
        revision.size_change = revision.chars - (revision.parent_chars or 0)
    context = {"page": page, "page_obj": page_obj, "crumbs": _crumbs(page)}
    return render(request, "wiki/history.html", context)


def revision(request, path, number):
    """``/wiki/history/<path>/<n>/``: an old revision as it was."""
    page = page_for(request, path)
    old = get_object_or_404(page.revisions.select_related("author"), number=number)
    context = {
        "page": page, "revision": old, "html": mark_red_links(old.current_html()),
        "crumbs": _crumbs(page),
        "is_current": old.pk == page.current_revision_id,
        "can_revert": request.user.is_authenticated and can_edit(request.user, page),
    }
    return render(request, "wiki/revision.html", context)


def diff(request, path):
    """``/wiki/diff/<path>/?from=a&to=b``: what changed between two revisions."""
    page = page_for(request, path)
    current = page.current_revision.number if page.current_revision else 0
    to_number = _number(request.GET.get("to"), current)
    from_number = _number(request.GET.get("from"), to_number - 1)
    found = {r.number: r for r in page.revisions.select_related("author").filter(
        number__in=[from_number, to_number])}
    if to_number not in found or (from_number not in found and from_number != 0):
        raise Http404("No such revision.")
    old, new = found.get(from_number), found[to_number]
    lines = diff_texts(old.markdown if old else "", new.markdown)
    context = {
        "page": page, "old": old, "new": new, "lines": lines, "crumbs": _crumbs(page),
        "changed": any(line.kind in ("ins", "del") for line in lines),
        "meta_changes": _meta_changes(old, new),
    }
    return render(request, "wiki/diff.html", context)


def _number(text, default):
    try:
        number = max(int(text), 0) if text not in (None, "") else max(default, 0)
    except (TypeError, ValueError):
        raise Http404("A revision number is a whole number.") from None
    if number > MAX_REVISION_NUMBER:  # the database cannot even compare such a number
        raise Http404("No such revision.")
    return number


def _meta_changes(old, new):
    fields = [("Title", "title"), ("Description", "description"), ("Tags", "tags")]
    return [
        (label, getattr(old, name, ""), getattr(new, name))
        for label, name in fields if getattr(old, name, "") != getattr(new, name)
    ]


@require_POST
def revert(request, path, number):
    """Make an old revision current again, by writing it as a new revision."""
    page = page_for(request, path, check=can_edit)
    old = get_object_or_404(page.revisions, number=number)
    try:
        result = revert_page(page, old, author=request.user)
    except EditConflict:
        messages.error(request, "Someone changed the page just now; look at history and try again.")
        return redirect("wiki:history", page.path)
    if result.created:
        messages.success(request, f"Reverted to revision {number}; that is now revision "
                                  f"{result.revision.number}.")
    else:
        messages.info(request, f"Revision {number} is what the page says already.")
    return redirect(page.get_absolute_url())


def _crumbs(page):
    return breadcrumbs(page.path) + [(page.title, page.get_absolute_url())]
