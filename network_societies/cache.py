"""Django's Redis cache, failing soft: the cache is an optimisation and a rate-limit counter, so a
Redis that is down or hangs must never turn a page, a sign-in or a reply into a 500.

Every operation that hits a Redis error (refused, reset, timed out after the short socket timeouts
set in settings) answers as a miss: reads return the default, writes are dropped, ``incr`` counts
as if the key were new, and ``add`` reports success (allauth's rate limiter takes a lock with
``add`` and would otherwise refuse every sign-in while Redis is away).

The first error logs a warning and opens a breaker: for ``RETRY_AFTER``
seconds the cache answers as a miss without touching the network, so a hanging Redis costs one
timeout every few seconds per process instead of one per call.
"""

import functools
import logging
import threading
import time

from django.core.cache.backends.redis import RedisCache, RedisCacheClient
from redis.exceptions import RedisError

logger = logging.getLogger(__name__)

RETRY_AFTER = 5.0


def _soft(fallback):
    """Run the method unless the breaker is open; on a Redis error, open it and return
    ``fallback(*args, **kwargs)`` instead."""

    def decorate(method):
        @functools.wraps(method)
        def wrapper(self, *args, **kwargs):
            if time.monotonic() < self._down_until:
                return fallback(*args, **kwargs)
            try:
                result = method(self, *args, **kwargs)
            except (RedisError, OSError) as error:
                self._trip(error)
                return fallback(*args, **kwargs)
            if self._down_until:
                self._recovered()
            return result

        return wrapper

    return decorate


def _default(key, default=None, *args, **kwargs):
    return default


def _nothing(*args, **kwargs):
    return None


def _false(*args, **kwargs):
    return False


def _true(*args, **kwargs):
    return True


def _empty(*args, **kwargs):
    return {}


def _all_failed(data, *args, **kwargs):
    return list(data)


def _fresh_count(key, delta=1, *args, **kwargs):
    return delta


class _ReusedClient(RedisCacheClient):
    """Django builds a new ``redis.Redis`` for every operation, which costs more than the round
    trip itself; one per connection pool is enough (a client is safe to share between threads,
    the pool hands out connections)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._clients = {}

    def get_client(self, key=None, *, write=False):
        pool = self._get_connection_pool(write)
        client = self._clients.get(id(pool))
        if client is None:
            client = self._clients[id(pool)] = self._client(connection_pool=pool)
        return client


class FailSoftRedisCache(RedisCache):
    def __init__(self, server, params):
        super().__init__(server, params)
        self._class = _ReusedClient
        self._down_until = 0.0
        self._lock = threading.Lock()

    def _trip(self, error):
        with self._lock:
            already_down = self._down_until > 0
            self._down_until = time.monotonic() + RETRY_AFTER
        if not already_down:
            logger.warning(
                "Cache unavailable (%r); answering as a miss for %.0f s at a time until it is "
                "back. Rate limits are not enforced meanwhile.", error, RETRY_AFTER,
            )

    def _recovered(self):
        if self._down_until:
            self._down_until = 0.0
            logger.warning("Cache available again.")

    add = _soft(_true)(RedisCache.add)
    get = _soft(_default)(RedisCache.get)
    set = _soft(_nothing)(RedisCache.set)
    touch = _soft(_false)(RedisCache.touch)
    delete = _soft(_false)(RedisCache.delete)
    get_many = _soft(_empty)(RedisCache.get_many)
    has_key = _soft(_false)(RedisCache.has_key)
    incr = _soft(_fresh_count)(RedisCache.incr)
    set_many = _soft(_all_failed)(RedisCache.set_many)
    delete_many = _soft(_nothing)(RedisCache.delete_many)
    clear = _soft(_false)(RedisCache.clear)
