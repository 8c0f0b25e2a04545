"""Values every template needs: the site name, the main navigation and the header's links."""

import functools

from django.conf import settings
from django.urls import get_script_prefix, get_urlconf, reverse

# (label, url name, path prefixes that mark the item as current)
MAIN_NAV = [
    ("Taxonomy", "taxonomy:index", ("/taxonomy",)),
    ("Examples", "taxonomy:directory", ("/examples",)),
    ("Pages", "wiki:page_list", ("/wiki/pages", "/wiki/tree", "/tags")),
    ("Forum", "forum:index", ("/forum",)),
    ("Recent changes", "wiki:recent_changes", ("/recent",)),
]
HEADER_URLS = {
    "search_url": "search:search",
    "suggest_url": "search:suggest",
    "notifications_url": "notifications:list",
    "recent_changes_url": "wiki:recent_changes",
}


# url name -> count(request): a number an app shows beside its main navigation item (the
# forum's new and unread threads), registered in its AppConfig.ready(). Each is one query at
# most, and none for people not signed in.
NAV_COUNTS = {}


def register_nav_count(url_name, count):
    NAV_COUNTS[url_name] = count


def site(request):
    urls = _urls(get_urlconf(), get_script_prefix())
    nav = [
        {"label": label, "url": urls[name], "active": request.path.startswith(prefixes),
         "count": NAV_COUNTS[name](request) if name in NAV_COUNTS else 0}
        for label, name, prefixes in MAIN_NAV
    ]
    return {
        "site_name": settings.NS_SITE_NAME,
        "main_nav": nav,
        **{variable: urls[name] for variable, name in HEADER_URLS.items()},
        # The header's search box shows the query again, without NUL bytes (the search drops them).
        "header_query": request.GET.get("q", "").replace("\x00", ""),
    }


@functools.lru_cache(maxsize=8)
def _urls(urlconf, script_prefix):
    """Reversed once per URLconf and prefix, not on every page (reversing is not cheap)."""
    names = [name for _, name, _ in MAIN_NAV] + list(HEADER_URLS.values())
    return {name: reverse(name) for name in names}
