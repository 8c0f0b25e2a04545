"""The site's one rate limiter: every limited action (new threads, replies, previews…) counts here,
in the shared cache (Redis when REDIS_URL is set), per person.

Limits come from ``settings.NS_RATE_LIMITS`` ({action: {"default": "count/seconds",
"new_account": "count/seconds"}}), read at call time; people at the "new" trust level
(``trust.levels``) get the stricter pair. Moderators are not limited: they clean up after
spammers. Callers stay one line:

    ratelimit.consume(request.user, "post")      # raises RateLimited

    @ratelimit.limit("preview")                  # a view: its POSTs answer 429 when over
    def preview(request): ...

The window slides: the count is this window's actions plus the previous window's, weighted by how
much of it still lies within ``seconds`` of now (the sliding-window counter). Two actions a second
apart count the same whether or not a window boundary falls between them, unlike fixed windows.
Only ``cache.incr`` touches the shared counters, so processes never overwrite each other's counts.

The limiter fails open: if the cache cannot count (down, hanging), the action goes ahead and a
warning is logged. Rate limits keep spam out; they are not worth refusing every sign-in and reply.
"""

import functools
import logging
import math
import time

from django.conf import settings
from django.core.cache import cache
from django.shortcuts import render

from accounts.roles import is_moderator

logger = logging.getLogger(__name__)

#: Seconds since the epoch; tests replace it to put actions on either side of a window boundary.
clock = time.time


class RateLimited(Exception):
    def __init__(self, action, limit, seconds, retry_after, new_account=False):
        super().__init__(f"Too many {action}s: {limit} per {seconds} s")
        self.action = action
        self.new_account = new_account
        self.limit = limit
        self.seconds = seconds
        self.retry_after = retry_after

    @property
    def minutes(self):
        return max(1, round(self.retry_after / 60))


def limit_for(user, action):
    """``(count, seconds, new_account)`` allowed to ``user`` for ``action``."""
    from trust import levels

    limits = settings.NS_RATE_LIMITS[action]
    new_account = user.is_authenticated and levels.is_new(user)
    count, seconds = limits["new_account" if new_account else "default"].split("/")
    return int(count), int(seconds), new_account


def consume(user, action, anonymous_key="anonymous"):
    """Count one ``action`` by ``user``; raise ``RateLimited`` (and count nothing) when it would
    exceed the limit. Anonymous people share one count unless ``anonymous_key`` tells them apart
    (the API counts each address on its own: it is read by scripts, not only by people)."""
    if is_moderator(user):
        return
    limit, seconds, new_account = limit_for(user, action)
    who = user.pk if user.is_authenticated else anonymous_key
    try:
        retry_after = _count(f"rate:{action}:{who}", limit, seconds)
    except Exception:  # whatever the cache backend raises: fail open
        logger.warning("Rate limiter could not count %s for %s; allowing it", action, who,
                       exc_info=True)
        return
    if retry_after is not None:
        raise RateLimited(action, limit, seconds, retry_after, new_account)


def _count(key, limit, seconds):
    """Add one to the sliding window at ``key``; the seconds to wait if that is over ``limit``
    (the one just added is taken back), else None."""
    now = clock()
    window, into = divmod(now, seconds)
    window = int(window)
    fraction = into / seconds
    current_key, previous_key = f"{key}:{window}", f"{key}:{window - 1}"
    # Both windows' keys live two windows long, so the previous one is still there to weigh.
    cache.add(current_key, 0, timeout=2 * seconds)
    try:
        current = cache.incr(current_key)
    except ValueError:  # expired between add and incr
        cache.set(current_key, 1, timeout=2 * seconds)
        current = 1
    previous = cache.get(previous_key, 0)
    if previous * (1 - fraction) + current <= limit:
        return None
    cache.decr(current_key)
    return _wait(previous, current - 1, limit, fraction, seconds)


def _wait(previous, current, limit, fraction, seconds):
    """Seconds until ``previous`` (weighted) + ``current`` + 1 fits within ``limit``."""
    room = limit - 1 - current
    if previous and room >= 0:
        # Later in this window the previous one weighs less: previous × (1 - f) ≤ room.
        needed = 1 - room / previous
        if needed <= 1:
            return max(1, math.ceil((needed - fraction) * seconds))
    # Next window: this one becomes the previous, current × (1 - g) ≤ limit - 1.
    needed = 1 - (limit - 1) / current if current else 0
    return max(1, math.ceil((1 - fraction + max(0.0, needed)) * seconds))


def limit(action):
    """Decorate a view so its POSTs count as ``action``; over the limit they answer 429 with a
    page saying when to try again."""

    def decorate(view):
        @functools.wraps(view)
        def wrapper(request, *args, **kwargs):
            if request.method == "POST":
                try:
                    consume(request.user, action)
                except RateLimited as limited:
                    return render(request, "429.html", {"limited": limited}, status=429)
            return view(request, *args, **kwargs)

        return wrapper

    return decorate
