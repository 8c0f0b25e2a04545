"""Rate limits on new threads and posts, counted in Django's cache (Redis when REDIS_URL is set).

Limits come from ``settings.FORUM_RATE_LIMITS`` ("count/seconds" per person), read at call time;
accounts younger than ``FORUM_NEW_ACCOUNT_DAYS`` get the stricter "new_account" limit. Moderators
are not limited: they clean up after spammers. A fixed window per person is enough here.
"""

import time
from datetime import timedelta

from django.conf import settings
from django.core.cache import cache
from django.utils import timezone

from accounts.roles import is_moderator


class RateLimited(Exception):
    def __init__(self, action, limit, seconds, retry_after, new_account=False):
        super().__init__(f"Too many {action}s: {limit} per {seconds} s")
        self.action = action
        self.new_account = new_account
        self.limit = limit
        self.seconds = seconds
        self.retry_after = retry_after


def limit_for(user, action):
    """``(count, seconds, new_account)`` allowed to ``user`` for ``action`` ("thread"/"post")."""
    limits = settings.FORUM_RATE_LIMITS[action]
    joined_recently = user.date_joined > timezone.now() - timedelta(
        days=settings.FORUM_NEW_ACCOUNT_DAYS
    )
    count, seconds = limits["new_account" if joined_recently else "default"].split("/")
    return int(count), int(seconds), joined_recently


def consume(user, action):
    """Count one ``action`` by ``user``; raise ``RateLimited`` when that exceeds the limit."""
    if is_moderator(user):
        return
    limit, seconds, new_account = limit_for(user, action)
    now = time.time()
    window = int(now // seconds)
    key = f"forum:rate:{action}:{user.pk}:{window}"
    cache.add(key, 0, timeout=seconds)
    try:
        used = cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.set(key, 1, timeout=seconds)
        used = 1
    if used > limit:
        retry_after = int((window + 1) * seconds - now) + 1
        raise RateLimited(action, limit, seconds, retry_after, new_account)
