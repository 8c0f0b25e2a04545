"""Whole pages for anonymous readers, from the shared cache (Redis when REDIS_URL is set).

Almost every request is an anonymous read of a page that changed hours ago, so a visitor with no
session gets the HTML a previous visitor got, without sessions, templates or SQL. Every cached
page's key includes the site's content *generation*, a timestamp in the cache that moves on
whenever content changes, so an edit, a reply, a rename or a move is seen at once, by every
server sharing the cache:

- a request that writes (POST, …) and touches a content table bumps it (an execute wrapper sees
  every INSERT/UPDATE/DELETE, ``QuerySet.update()`` included); writes to bookkeeping tables
  (sessions, the task queue, the search outbox, notifications, last_login) do not;
- outside requests (tasks, commands, the shell), a save or delete of a content model bumps it;
- the search index changing (``search.signals.index_changed``) bumps it: a results page cached
  before the worker indexed an edit would otherwise keep the older answer;
- a deploy (``migrate``'s ``post_migrate``) and a changed setting bump it: pages are stored
  with their headers (the CSP, security headers), and a new release may change those and the
  templates;
- ``invalidate()`` is there for anything else.

Bumps happen at once and again after the commit, so a reader who re-cached the old state between
the two never keeps it. A response is cached only if it is a plain 200 that set no cookie (a page
that needed a CSRF token sets one, so forms are never shared between visitors) and is not marked
private or no-cache. ``Last-Modified`` is the generation; ConditionalGetMiddleware answers 304.

Every other GET (signed-in, or a miss) reads the generation before the view runs and renders
inside ``fragments.reading_at`` it, so the parts of signed-in pages cached as fragments
(``network_societies.fragments``) are exact in the same way.
"""

import hashlib
import re
import time

from django.conf import settings
from django.core.cache import cache
from django.core.signals import setting_changed
from django.db import connection, transaction
from django.db.models.signals import m2m_changed, post_delete, post_migrate, post_save
from django.http import HttpResponse
from django.utils.cache import set_response_etag
from django.utils.http import http_date

from . import fragments

GENERATION_KEY = "pagecache:generation"
# Tables whose writes never change what a page shows to an anonymous reader.
BOOKKEEPING_TABLES = (
    "django_session", "django_tasks_database_", "search_", "notifications_", "django_admin_log",
    "account_", "django_content_type", "auth_permission",
    # Each person's own sign-in records: sessions and second factors (their last use).
    "usersessions_", "mfa_",
    # Private to each person: unposted drafts (saved at every pause in typing), visits, digests.
    "forum_draft", "activity_",
)
_WRITE = re.compile(r'^\s*(?:INSERT\s+INTO|UPDATE|DELETE\s+FROM)\s+"?(\w+)"?', re.IGNORECASE)


def generation():
    """The current content generation (seconds since the epoch of the last change)."""
    value = cache.get(GENERATION_KEY)
    if value is None:
        value = time.time()
        cache.add(GENERATION_KEY, value, timeout=None)
    return value


def invalidate():
    """Every cached page is stale from now on, and again once the current transaction commits."""
    _bump()
    if not any(func is _bump for _, func, _ in connection.run_on_commit):  # once per transaction
        transaction.on_commit(_bump, robust=True)


def _bump():
    cache.set(GENERATION_KEY, time.time(), timeout=None)


class _WriteWatcher:
    """An execute wrapper that notes whether any statement wrote to a content table."""

    def __init__(self):
        self.wrote = False

    def __call__(self, execute, sql, params, many, context):
        if not self.wrote:
            match = _WRITE.match(sql)
            if match and not match.group(1).startswith(BOOKKEEPING_TABLES):
                self.wrote = not _only_last_login(match.group(1), sql)
        return execute(sql, params, many, context)


def _only_last_login(table, sql):
    return table == "auth_user" and re.search(r'SET\s+"?last_login"?\s*=\s*%s\s+WHERE', sql)


class PageCacheMiddleware:
    """Serves and stores anonymous GETs; watches writing requests for content changes."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        seconds = settings.NS_PAGE_CACHE_SECONDS
        if request.method not in ("GET", "HEAD"):
            return self._watching_writes(request)
        if not seconds or self._passed_on(request):
            return self.get_response(request)
        if not self._anonymous(request):
            # Signed-in pages are the person's own, but their fragments are shared
            # (network_societies.fragments): read the generation before the view reads data.
            with fragments.reading_at(generation()):
                return self.get_response(request)
        # One round trip: the generation and this page's last stored copy, kept with the
        # generation it was rendered at; a copy from an older generation is a miss.
        key = self._key(request)
        found = cache.get_many([GENERATION_KEY, key])
        current = found.get(GENERATION_KEY) or generation()
        stored = found.get(key)
        if stored is not None and stored[0] == current:
            response = stored[1]  # unpickled: a fresh object, headers and all
            response["X-Page-Cache"] = "hit"
            return response
        with fragments.reading_at(current):
            response = self.get_response(request)
        if self._cacheable(response):
            response["Last-Modified"] = http_date(current)
            if not response.has_header("ETag"):
                set_response_etag(response)  # once here, not on every hit
            cache.set(key, (current, HttpResponse(response.content, status=response.status_code,
                                                  headers=dict(response.items()))),
                      timeout=seconds)
            response["X-Page-Cache"] = "miss"
        return response

    def _watching_writes(self, request):
        watcher = _WriteWatcher()
        with connection.execute_wrapper(watcher):
            response = self.get_response(request)
        if watcher.wrote:
            invalidate()
        return response

    @staticmethod
    def _passed_on(request):
        """Static files (WhiteNoise's, next) and what SecurityMiddleware redirects to HTTPS."""
        return request.path.startswith(settings.STATIC_URL) or (
            settings.SECURE_SSL_REDIRECT and not request.is_secure()
        )

    @staticmethod
    def _anonymous(request):
        cookies = request.COOKIES
        return settings.SESSION_COOKIE_NAME not in cookies and "messages" not in cookies

    @staticmethod
    def _key(request):
        htmx = request.headers.get("HX-Request", "")
        url = f"{request.method}:{request.get_host()}:{htmx}:{request.get_full_path()}"
        return "pagecache:" + hashlib.sha256(url.encode()).hexdigest()

    @staticmethod
    def _cacheable(response):
        control = response.get("Cache-Control", "")
        return (
            response.status_code == 200
            and not response.streaming
            and not response.cookies
            and not any(word in control for word in ("private", "no-cache", "no-store"))
        )


def _content_changed(sender, raw=False, update_fields=None, **kwargs):
    if connection.execute_wrappers:  # inside a watched request: the wrapper decides
        return
    table = sender._meta.db_table
    if table.startswith(BOOKKEEPING_TABLES):
        return
    if table == "auth_user" and update_fields and set(update_fields) <= {"last_login"}:
        return
    invalidate()


def _index_changed(sender, **kwargs):
    invalidate()


def _site_changed(**kwargs):
    _bump()


def connect_signals():
    from search.signals import index_changed

    for signal in (post_save, post_delete, m2m_changed):
        signal.connect(_content_changed, dispatch_uid=f"pagecache:{signal}")
    # Search results are pages too; they change when the worker indexes, after the save's bump.
    index_changed.connect(_index_changed, dispatch_uid="pagecache:index_changed")
    # A deploy runs migrate; tests override settings.
    post_migrate.connect(_site_changed, dispatch_uid="pagecache:post_migrate")
    setting_changed.connect(_site_changed, dispatch_uid="pagecache:setting_changed")
