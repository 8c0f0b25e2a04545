"""Values every template needs: the site name, the main navigation and the header's links."""

from django.conf import settings
from django.urls import reverse

# (label, url name, path prefixes that mark the item as current)
MAIN_NAV = [
    ("Taxonomy", "taxonomy:index", ("/taxonomy",)),
    ("Examples", "taxonomy:directory", ("/examples",)),
    ("Pages", "wiki:page_list", ("/wiki/pages", "/wiki/tree", "/tags")),
    ("Forum", "forum:index", ("/forum",)),
    ("Recent changes", "wiki:recent_changes", ("/recent",)),
]


def site(request):
    nav = [
        {"label": label, "url": reverse(name), "active": request.path.startswith(prefixes)}
        for label, name, prefixes in MAIN_NAV
    ]
    return {
        "site_name": settings.NS_SITE_NAME,
        "main_nav": nav,
        "search_url": reverse("search:search"),
        # The header's search box shows the query again, without NUL bytes (the search drops them).
        "header_query": request.GET.get("q", "").replace("\x00", ""),
        "suggest_url": reverse("search:suggest"),
        "notifications_url": reverse("notifications:list"),
        "recent_changes_url": reverse("wiki:recent_changes"),
    }
