"""Values every template needs: the site name, the main navigation and the header's links."""

from django.conf import settings
from django.urls import reverse

# (label, url name, path prefixes that mark the item as current)
MAIN_NAV = [
    ("Taxonomy", "taxonomy:index", ("/taxonomy", "/examples")),
    ("Pages", "wiki:page_list", ("/wiki/pages", "/wiki/tree", "/tags")),
    ("Forum", "forum:index", ("/forum",)),
    ("Recent changes", "wiki:recent_changes", ("/recent",)),
]


# url name -> count(request): a number an app shows beside its main navigation item (the
# forum's new and unread threads), registered in its AppConfig.ready(). Each is one query at
# most, and none for people not signed in.
NAV_COUNTS = {}


def register_nav_count(url_name, count):
    NAV_COUNTS[url_name] = count


def site(request):
    nav = [
        {"label": label, "url": reverse(name), "active": request.path.startswith(prefixes),
         "count": NAV_COUNTS[name](request) if name in NAV_COUNTS else 0}
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
