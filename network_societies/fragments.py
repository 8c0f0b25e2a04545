"""Fragments of signed-in pages, from the shared cache, exact to the content generation.

A signed-in page cannot come whole from the page cache (its header, buttons and forms are the
person's own), but most of what it costs is not personal: a page's body with its red links, the
sidebars, a thread's posts, the taxonomy tree. Templates wrap those parts in
``{% fragment "name" vary… %}…{% endfragment %}`` (``{% load fragments %}``), and the part is
rendered once per content generation (``pagecache.generation``, which moves on every content
change, on every server) and per the values it varies on, then served from the cache.

The generation is read once per request, by the page cache middleware, *before* the view reads
anything (``reading_at``), so a fragment is never stored under a generation newer than the data
it shows. Without it (a task, a request the middleware did not see, the page cache turned off)
fragments render every time. Values a fragment reads go into the template as callables or lazy
querysets, so a hit makes none of their queries.

A key names one generation, so what is stored under it never changes: each process keeps the
fragments it used last in its own memory too (``LOCAL``, bounded), in front of the shared
cache, and a hit costs no round trip. Exactness still comes from the shared generation.

A fragment must not depend on the person beyond what it varies on. Forms inside one are fine:
``{% csrf_token %}`` renders a placeholder there, which every response replaces with its own
person's token; a fragment that holds a real token anyway (rendered some other way) is shown
but never stored, since another person's token would refuse their form.
"""

import hashlib
from contextlib import contextmanager
from contextvars import ContextVar

from django.conf import settings
from django.core.cache import cache
from django.core.cache.backends.locmem import LocMemCache
from django.utils.crypto import salted_hmac

CSRF_FIELD = 'name="csrfmiddlewaretoken"'
_generation = ContextVar("content_generation", default=None)
LOCAL = LocMemCache("fragments", {"OPTIONS": {"MAX_ENTRIES": 2000, "CULL_FREQUENCY": 4}})


@contextmanager
def reading_at(generation):
    """Fragments made inside are cached under ``generation`` (read before any data)."""
    token = _generation.set(generation)
    try:
        yield
    finally:
        _generation.reset(token)


def current_generation():
    """The content generation this request reads at, or None when fragments are off."""
    if not settings.NS_PAGE_CACHE_SECONDS:
        return None
    return _generation.get()


def csrf_placeholder():
    """What a fragment holds where a CSRF token goes. Derived from SECRET_KEY, so nobody can
    write it into a post and have the reader's token put in its place (an image URL would
    carry it away); the same on every server sharing the cache."""
    return "csrf" + salted_hmac("fragments.csrf_placeholder", "v1").hexdigest()[:32]


def key(generation, name, parts):
    text = "\x1f".join(str(part) for part in (generation, name, *parts))
    return "fragment:" + hashlib.sha256(text.encode()).hexdigest()


def get_or_render(name, parts, render):
    """The fragment ``name`` for ``parts`` at this request's generation, rendered by
    ``render()`` (which returns safe HTML) and stored when it is not cached yet."""
    generation = current_generation()
    if generation is None:
        return render()
    fragment_key = key(generation, name, parts)
    html = _get(fragment_key)
    if html is None:
        html = render()
        if html.count(CSRF_FIELD) == html.count(csrf_placeholder()):
            _set(fragment_key, html)
    return html


def value(name, parts, compute):
    """A small computed value (a flag, an object, a list of names) cached like a fragment."""
    generation = current_generation()
    if generation is None:
        return compute()
    value_key = key(generation, name, parts)
    found = _get(value_key)
    if found is None:
        found = (compute(),)  # in a tuple, so a cached None or 0 is a hit
        _set(value_key, found)
    return found[0]


def _get(fragment_key):
    found = LOCAL.get(fragment_key)
    if found is None:
        found = cache.get(fragment_key)
        if found is not None:
            LOCAL.set(fragment_key, found, timeout=settings.NS_PAGE_CACHE_SECONDS)
    return found


def _set(fragment_key, found):
    LOCAL.set(fragment_key, found, timeout=settings.NS_PAGE_CACHE_SECONDS)
    cache.set(fragment_key, found, timeout=settings.NS_PAGE_CACHE_SECONDS)
