"""When a person was last here: kept in the shared cache, touched by a middleware at most once
every few minutes per person, so no page makes a query for it.

A visit ends after ``ACTIVITY_VISIT_GAP_MINUTES`` without a request; the next request starts a
new one, and the end of the last one is "your last visit". Opening the activity page stores it
in the database too (``Visit``), the fallback when the cache has forgotten.
"""

import logging
import time
from datetime import UTC, datetime, timedelta

from django.conf import settings
from django.core.cache import cache
from django.utils import timezone

from network_societies import personalcache

logger = logging.getLogger(__name__)

# Seconds between two writes of the same person's last-seen time.
TOUCH_EVERY = 300
# The cache keeps a person's visits this long after their last request.
KEEP = 180 * 24 * 3600
# Without any record, "since your last visit" looks back this far.
FIRST_LOOK_BACK = timedelta(days=7)


def _key(user):
    return f"activity:visit:{getattr(user, 'pk', user)}"


# When each person's visit was last seen written, by this process: within TOUCH_EVERY of it (so
# well within a visit's gap) there is nothing to write, and no need to ask the shared cache.
TOUCHED_HERE = {}


def touch(user, now=None):
    """Record a request by ``user`` (a user or an id); a request after a long enough gap starts
    a new visit."""
    pk = int(getattr(user, "pk", user))
    now = now if now is not None else time.time()
    if 0 <= now - TOUCHED_HERE.get(pk, -TOUCH_EVERY) < TOUCH_EVERY:
        return
    try:
        seen = cache.get(_key(pk)) or {}
        last = seen.get("last")
        if last is None or now - last >= TOUCH_EVERY:
            previous = seen.get("previous")
            if last is not None and now - last >= settings.ACTIVITY_VISIT_GAP_MINUTES * 60:
                previous = last
                personalcache.changed(pk)  # "since your last visit" starts from a new moment
            cache.set(_key(pk), {"last": now, "previous": previous}, timeout=KEEP)
            last = now
        if len(TOUCHED_HERE) > 10_000:
            TOUCHED_HERE.clear()
        TOUCHED_HERE[pk] = last
    except Exception:  # a cache that is down only makes "since your last visit" less exact
        logger.warning("Could not record a visit by %s", pk, exc_info=True)


def touched(request, user_id):
    """``personalcache``'s hook: a stored page served to someone is a request of theirs too."""
    touch(user_id)
    return True


def last_visit(user, now=None):
    """The end of ``user``'s previous visit (an aware datetime); ``now`` in epoch seconds."""
    from .models import Visit

    try:
        seen = cache.get(_key(user)) or {}
    except Exception:
        seen = {}
    last, previous = seen.get("last"), seen.get("previous")
    # This request may be the first of a new visit (the middleware records it afterwards).
    now = now if now is not None else time.time()
    if last is not None and now - last >= settings.ACTIVITY_VISIT_GAP_MINUTES * 60:
        previous = last
    if previous is not None:
        return datetime.fromtimestamp(previous, tz=UTC)
    stored = Visit.objects.filter(user=user).values_list("previous_visit_at", flat=True).first()
    if stored is not None:
        return stored
    return max(user.date_joined, timezone.now() - FIRST_LOOK_BACK)


def remember(user, moment):
    """Keep ``moment`` as ``user``'s last visit in the database (opening their activity, or the
    home page), written once per moment: a page that writes on every view is never cached."""
    from .models import Visit

    written = f"activity:remembered:{user.pk}"
    if cache.get(written) == moment:
        return
    Visit.objects.bulk_create(
        [Visit(user=user, previous_visit_at=moment)], update_conflicts=True,
        unique_fields=["user"], update_fields=["previous_visit_at"],
    )
    cache.set(written, moment, timeout=KEEP)


class VisitMiddleware:
    """Touch the visit of every signed-in person (the cache only, never the database)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            touch(user)
        return response
