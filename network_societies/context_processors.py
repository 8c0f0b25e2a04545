"""Values every template needs: the site name, the main navigation and the header's links."""

from django.conf import settings
from django.urls import NoReverseMatch, reverse

# (label, url name, path prefixes that mark the item as current)
MAIN_NAV = [
    ("Taxonomy", "taxonomy:index", ("/taxonomy", "/examples")),
    ("Pages", "wiki:page_list", ("/wiki/pages", "/wiki/tree", "/tags")),
    ("Forum", "forum:index", ("/forum",)),
    ("Recent changes", "wiki:recent_changes", ("/recent",)),
]


def _url(name):
    try:
        return reverse(name)
    except NoReverseMatch:
        return ""


def site(request):
    nav = []
    for label, name, prefixes in MAIN_NAV:
        url = _url(name)
        if url:
            nav.append({"label": label, "url": url, "active": request.path.startswith(prefixes)})
    return {
        "site_name": settings.NS_SITE_NAME,
        "main_nav": nav,
        "search_url": _url("search:search"),
        # The header's search box shows the query again, without NUL bytes (the search drops them).
        "header_query": request.GET.get("q", "").replace("\x00", ""),
        "suggest_url": _url("search:suggest"),
        "notifications_url": _url("notifications:list"),
        "recent_changes_url": _url("wiki:recent_changes"),
    }
