"""Whole pages for signed-in readers, each person's own, exact like the anonymous page cache.

A signed-in reader mostly rereads the same few pages (the page they watch, the thread they
follow, the home page) between changes. Reading views marked ``@personal_page`` are kept in the
shared cache per session, CSRF cookie and address, under two generations:

- the site's content generation (``pagecache``), which moves on every content change;
- the person's own generation (``changed(user_id)``), which moves whenever something only they
  see may have changed: any request of theirs that is not a GET (a vote, a watch, a draft, a
  setting, signing out), a GET of theirs that wrote (a thread read further), a notification for
  them, any row pointing at them saved or deleted by anyone (``post_save``/``post_delete`` of a
  model with a foreign key to the user model, the user row itself included), a new visit.

A stored page is served right after the session is read, before the user is loaded and the rest
of the middleware runs, when the session still names the same person with the same password
hash, no message is waiting and every app's ``may_serve`` hook agrees (an app with per-request
duties, such as refreshing a session's last-seen time, says no when its duty is due). Only what
a page shows is shared between two requests, never a side effect: a page is stored only when
rendering it wrote nothing, changed nothing in the session, showed or queued no message and set
no cookie (a refreshed CSRF cookie aside).
"""

import hashlib
import threading
import time

from django.conf import settings
from django.contrib.auth import HASH_SESSION_KEY, SESSION_KEY
from django.core.cache import cache
from django.db import connection, transaction
from django.db.models.signals import post_delete, post_save
from django.http import HttpResponse

from . import fragments

PERSON_KEY = "pagecache:person:{}"
# Callables (request, user_id) -> bool that apps register: may a stored page be served now?
_may_serve = []


def personal_page(view):
    """Mark a reading view whose signed-in pages may be cached per person."""
    view.personal_page = True
    return view


def register_may_serve(check):
    """``check(request, user_id)`` is asked before a stored page is served; False renders it."""
    if check not in _may_serve:
        _may_serve.append(check)


def changed(*user_ids):
    """What these people see of the site may have changed: their cached pages are stale, now
    and again once the current transaction commits (one callback per transaction for all)."""
    ids = {int(pk) for pk in user_ids if pk is not None}
    if not ids:
        return
    _bump(ids)
    if not connection.in_atomic_block:
        return
    if any(func is _bump_pending for _, func, _ in connection.run_on_commit):
        _pending.ids |= ids
    else:
        _pending.ids = set(ids)
        transaction.on_commit(_bump_pending, robust=True)


_pending = threading.local()


def _bump(ids):
    now = time.time()
    cache.set_many({PERSON_KEY.format(pk): now for pk in ids}, timeout=None)


def _bump_pending():
    ids, _pending.ids = getattr(_pending, "ids", set()), set()
    if ids:
        _bump(ids)


def generation_of(user_id, found=None):
    """The person's generation, from ``found`` (a ``get_many`` answer) when it holds it."""
    key = PERSON_KEY.format(user_id)
    value = (found if found is not None else cache.get_many([key])).get(key)
    if value is None:
        value = time.time()
        if not cache.add(key, value, timeout=None):
            value = cache.get(key, value)
    return value


class _Writes:
    """An execute wrapper that notes whether any statement wrote."""

    def __init__(self):
        self.wrote = False

    def __call__(self, execute, sql, params, many, context):
        if not self.wrote:
            self.wrote = sql.lstrip()[:6].upper() in ("INSERT", "UPDATE", "DELETE")
        return execute(sql, params, many, context)


class PersonalPageCacheMiddleware:
    """Serves stored pages right after SessionMiddleware; stores what ``@personal_page`` views
    render for signed-in people."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not self._may_be_personal(request):
            response = self.get_response(request)
            _after_change(request)
            return response
        user_id = request.session.get(SESSION_KEY)
        key = _key(request)
        found = cache.get_many([PERSON_KEY.format(user_id), key])
        mine = generation_of(user_id, found)
        stored = found.get(key)
        if stored is not None and stored[:4] == self._state(request, mine) and all(
            check(request, user_id) for check in _may_serve
        ):
            response = stored[-1]  # unpickled: a fresh object, headers and all
            response["X-Page-Cache"] = "personal"
            return response
        writes = _Writes()
        with connection.execute_wrapper(writes):
            response = self.get_response(request)
        if writes.wrote:
            changed(user_id)
        elif getattr(request, "_personal_page", False) and _storable(request, response):
            copy = HttpResponse(response.content, status=response.status_code,
                                headers=dict(response.items()))
            cache.set(key, (*self._state(request, mine), copy),
                      timeout=settings.NS_PAGE_CACHE_SECONDS)
        return response

    def process_view(self, request, view, args, kwargs):
        """Note that this request renders a personal page (it is stored on the way out)."""
        request._personal_page = getattr(view, "personal_page", False)

    @staticmethod
    def _may_be_personal(request):
        """A signed-in reading request with no message waiting (a session is read here)."""
        return (
            request.method in ("GET", "HEAD")
            and fragments.current_generation() is not None
            and settings.SESSION_COOKIE_NAME in request.COOKIES
            and "messages" not in request.COOKIES
            and request.session.get(SESSION_KEY) is not None
            and "_messages" not in request.session
        )

    @staticmethod
    def _state(request, mine):
        """What a stored page must have been rendered under to be served now."""
        session = request.session
        return (fragments.current_generation(), mine, session.get(SESSION_KEY),
                session.get(HASH_SESSION_KEY))


def _after_change(request):
    """A signed-in person's request that may have changed something: their pages are stale."""
    if request.method in ("GET", "HEAD", "OPTIONS"):
        return
    user = getattr(request, "user", None)
    if user is not None and user.is_authenticated:
        changed(user.pk)


def _key(request):
    parts = (
        request.method, request.get_host(), request.headers.get("HX-Request", ""),
        request.get_full_path(), request.session.session_key,
        request.COOKIES.get(settings.CSRF_COOKIE_NAME, ""),
    )
    text = "\x1f".join(str(part) for part in parts)
    return "pagecache:personal:" + hashlib.sha256(text.encode()).hexdigest()


def _storable(request, response):
    messages = getattr(request, "_messages", None)
    control = response.get("Cache-Control", "")
    csrf_cookie = request.COOKIES.get(settings.CSRF_COOKIE_NAME)
    return (
        response.status_code == 200
        and not response.streaming
        and request.user.is_authenticated
        and not request.session.modified
        # The token in its forms belongs to the secret in this browser's cookie (the key); a
        # refresh of that same cookie is no change.
        and request.META.get("CSRF_COOKIE") == csrf_cookie
        and all(name == settings.CSRF_COOKIE_NAME and morsel.value == csrf_cookie
                for name, morsel in response.cookies.items())
        and not (messages is not None and (messages.used or messages.added_new))
        and not any(word in control for word in ("private", "no-cache", "no-store"))
    )


def _row_changed(sender, instance, raw=False, **kwargs):
    """A saved or deleted row that points at people (a notification, a vote, a role) may change
    what they see."""
    fields = _user_fields(sender)
    if fields:
        changed(*(getattr(instance, name) for name in fields))


_USER_FIELDS = {}


def _user_fields(model):
    if model not in _USER_FIELDS:
        from django.contrib.auth import get_user_model

        user_model = get_user_model()
        names = [
            field.attname for field in model._meta.concrete_fields
            if field.is_relation and field.many_to_one and field.related_model is user_model
        ]
        if model is user_model:
            names.append("pk")
        _USER_FIELDS[model] = names
    return _USER_FIELDS[model]


def connect_signals():
    for signal in (post_save, post_delete):
        signal.connect(_row_changed, dispatch_uid=f"personalcache:{signal}")
