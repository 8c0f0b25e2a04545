"""The API's rate limit, counted by the site's one limiter (network_societies.ratelimit) as the
"api" action: per signed-in person, or per address for anonymous clients.

django-ninja asks a throttle ``allow_request`` and then ``wait``; over the limit the client gets
429 with Retry-After. The wait is kept per thread, as the throttle object serves every request.
"""

import threading

from ninja.throttling import BaseThrottle

from network_societies import ratelimit


class SiteRateLimit(BaseThrottle):
    def __init__(self):
        self._local = threading.local()

    def allow_request(self, request):
        self._local.wait = None
        address = request.META.get("REMOTE_ADDR") or "unknown"
        try:
            ratelimit.consume(request.user, "api", anonymous_key=f"address:{address}")
        except ratelimit.RateLimited as limited:
            self._local.wait = limited.retry_after
            return False
        return True

    def wait(self):
        return getattr(self._local, "wait", None)
