"""Reading pages: a page at its Wiki.js path, the offer to create a missing one, the A–Z list,
the tree of all paths and "what links here"."""

import functools

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db.models import Exists, OuterRef
from django.db.models.functions import Lower
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import Resolver404, resolve
from django.utils.encoding import iri_to_uri

import discussions
from accounts.roles import is_moderator
from markup import references, targets
from markup.links import mark_red_links
from markup.outline import table_of_contents
from network_societies import fragments
from network_societies.personalcache import personal_page

from ..branch import branch
from ..models import (
    Page,
    PageLink,
    PageRedirect,
    Watch,
    normalise_path,
    path_key,
    validate_page_path,
)
from ..permissions import (
    can_create,
    can_delete,
    can_edit,
    can_move,
    can_protect,
    can_read,
    can_restore,
    readable_pages,
)
from . import breadcrumbs, page_for

BACKLINKS_SHOWN = 10


@personal_page
def page(request, path):
    """``/<path>``: the page, or a redirect, or an offer to create it (status 404)."""
    if path.endswith("/"):
        return redirect("/" + path.strip("/"), permanent=True)
    if path.split("/")[0] in settings.NS_RESERVED_PREFIXES:
        return _app_route(request, path)
    canonical = normalise_path(path)
    first, _, rest = canonical.partition("/")
    if rest and first.lower() == settings.WIKI_DEFAULT_LOCALE:
        # Wiki.js links name the default locale ("/en/some/page"); its pages live at /some/page.
        canonical = rest
    if canonical != path:
        return redirect("/" + iri_to_uri(canonical), permanent=True)
    # Both looked up once per content generation (exact: any change moves it on).
    home = fragments.value("concept-home", [path], lambda: targets.home_url(path))
    if home:
        # A category's or example's article: the concept's page is its one home.
        return redirect(home, permanent=True)

    found = fragments.value(
        "wiki-page-at", [path],
        lambda: Page.objects.select_related("current_revision__author").at(path).first(),
    )
    if found is not None and found.path != path:
        # Lookups ignore case; the page is shown at the path as it was written.
        return redirect(found.get_absolute_url(), permanent=True)
    if found is None and (file_url := references.file_at(path)):
        # An address of a Wiki.js asset (/uploads/Report.pdf): the imported file is here now.
        return redirect(file_url, permanent=True)
    if found is None or not can_read(request.user, found):
        try:
            validate_page_path(path)
        except ValidationError as error:
            context = {"path": path, "reason": error.messages[0]}
            return render(request, "wiki/invalid_path.html", context, status=404)
        return _missing(request, path, taken=found is not None)
    return render(request, "wiki/page.html", _page_context(request, found))


def _app_route(request, path):
    """``/wiki/pages`` and the like are app routes missing their slash, never pages."""
    try:
        match = resolve("/" + path + "/")
    except Resolver404:
        raise Http404("No such page.") from None
    if match.func is page:
        raise Http404("No such page.")
    query = request.META.get("QUERY_STRING")
    return redirect("/" + path + "/" + (f"?{query}" if query else ""))


def _missing(request, path, taken):
    moved = PageRedirect.objects.filter(old_path=path_key(path)).select_related("page").first()
    if moved and can_read(request.user, moved.page):
        return redirect(moved.page.get_absolute_url(), permanent=True)
    context = {
        "path": path, "taken": taken, "can_create": can_create(request.user),
        "crumbs": breadcrumbs(path),
        "title": path.rsplit("/", 1)[-1].replace("-", " ").replace("_", " ").capitalize(),
    }
    return render(request, "wiki/missing.html", context, status=404)


def _page_context(request, page):
    """What the page template shows. What is the same for everyone who reads alike (the body
    with its red links, the sidebar, the discussion count) is passed as callables and lazy
    querysets, and the template caches it as one fragment per content generation and
    ``audience``: a cached fragment costs none of those queries."""
    user = request.user
    revision = page.current_revision

    @functools.cache
    def html():
        return mark_red_links(revision.current_html()) if revision else ""

    def backlinks():
        return list(
            readable_pages(user)
            .filter(deleted_at__isnull=True, outgoing_links__target_path=page.path_key)
            .order_by(Lower("title")).only("path", "title")[: BACKLINKS_SHOWN + 1]
        )

    return {
        "page": page, "revision": revision, "html": html,
        "toc": lambda: table_of_contents(html()), "branch": lambda: branch(user, page),
        "tags": page.tags.all(),
        "crumbs": breadcrumbs(page.path), "backlinks": backlinks,
        "backlinks_shown": BACKLINKS_SHOWN,
        "watching": user.is_authenticated and Watch.objects.filter(user=user, page=page).exists(),
        "translations": readable_pages(user).translations(page).order_by("locale")
        .only("path", "title", "locale"),
        "can": _abilities(user, page),
        "discussion": lambda: _discussion(user, page),
        "audience": _audience(request),
    }


def _audience(request):
    """Who reads this page's fragment alike: readers see published pages (and, signed in, their
    own drafts, so a person with drafts reads as themselves); Moderators see everything."""
    user = request.user
    if is_moderator(user):
        return "moderators"
    if user.is_authenticated and fragments.value(
        "wiki-drafts", [user.pk],
        lambda: Page.objects.filter(created_by=user, published=False).exists(),
    ):
        return f"author:{user.pk}"
    return "readers"


def _discussion(user, page):
    """The page's Discussion tab: how many threads are about it (one query) and where they are,
    from whatever hosts discussions (``discussions``)."""
    host = discussions.host()
    if host is None:
        return None
    return {"count": host.count(page, user), "url": host.talk_url(page),
            "start_url": host.start_url(page)}


def _abilities(user, page):
    if not user.is_authenticated:
        return {}
    return {
        "edit": can_edit(user, page), "move": can_move(user, page),
        "delete": can_delete(user, page), "restore": can_restore(user, page),
        "protect": can_protect(user, page), "watch": True,
    }


def backlinks(request, path):
    """``/wiki/links/<path>``: every readable page that links here."""
    target = page_for(request, path)
    sources = (
        readable_pages(request.user).filter(deleted_at__isnull=True)
        .filter(Exists(PageLink.objects.filter(source=OuterRef("pk"), target_path=target.path_key)))
        .order_by(Lower("title")).only("path", "title", "description")
    )
    page_obj = Paginator(sources, 100).get_page(request.GET.get("page"))
    return render(request, "wiki/backlinks.html", {"page": target, "page_obj": page_obj})


def page_list(request):
    """``/wiki/pages/``: all readable pages A–Z, paginated."""
    pages = (
        readable_pages(request.user).filter(deleted_at__isnull=True)
        .order_by(Lower("title"), "path").only("path", "title", "description", "updated_at")
    )
    page_obj = Paginator(pages, 100).get_page(request.GET.get("page"))
    groups = {}
    for item in page_obj:
        letter = (item.title[:1] or "#").upper()
        groups.setdefault(letter if letter.isalpha() else "#", []).append(item)
    context = {"page_obj": page_obj, "groups": groups, "can_create": can_create(request.user)}
    return render(request, "wiki/page_list.html", context)


def tree(request):
    """``/wiki/tree/``: every readable path, nested by segment."""
    rows = (
        readable_pages(request.user).filter(deleted_at__isnull=True)
        .order_by("path").values_list("path", "title")
    )
    return render(request, "wiki/tree.html", {"nodes": build_tree(rows)})


def build_tree(rows):
    """[(path, title)] sorted by path → nested [{"segment", "path", "title", "children"}]; a
    segment without a page of its own gets title None."""
    root = {"children": {}}
    for path, title in rows:
        node = root
        parts = path.split("/")
        for depth, segment in enumerate(parts):
            node = node["children"].setdefault(segment, {
                "segment": segment, "path": "/".join(parts[: depth + 1]), "title": None,
                "children": {},
            })
        node["title"] = title

    def as_list(node):
        return [dict(child, children=as_list(child)) for child in node["children"].values()]

    return as_list(root)
