"""/healthz: what a load balancer asks before sending a server traffic.

Reads only: no session, no database write (the cache probe writes one short-lived key to the
cache). Answers 200 when the database, the cache and the search index answer, 503 when one does
not, with a JSON body saying which, plus the task queue's depth (tasks ready to run and the age
of the oldest, which grows when no worker is running).
"""

import logging
import time

from django.core.cache import cache, caches
from django.db import connection
from django.http import JsonResponse
from django.utils import timezone
from django.utils.crypto import get_random_string
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

logger = logging.getLogger(__name__)


def _database():
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
        cursor.fetchone()
    return {"vendor": connection.vendor}


def _cache():
    key, value = "healthz:" + get_random_string(12), get_random_string(12)
    cache.set(key, value, timeout=10)
    if cache.get(key) != value:  # the fail-soft cache answers a miss instead of raising
        raise ConnectionError("the cache did not keep a value")
    cache.delete(key)
    return {"backend": type(caches["default"]).__name__}


def _queue():
    from django_tasks import task_backends
    from django_tasks_db.backend import DatabaseBackend
    from django_tasks_db.models import DBTaskResult

    backend = task_backends["default"]
    if not isinstance(backend, DatabaseBackend):
        return {"backend": type(backend).__name__}

    ready = DBTaskResult.objects.ready()
    oldest = ready.order_by("enqueued_at").values_list("enqueued_at", flat=True).first()
    return {
        "backend": "database",
        "ready": ready.count(),
        "oldest_seconds": round((timezone.now() - oldest).total_seconds()) if oldest else 0,
    }


def _search():
    from search.backends import get_backend
    from search.models import IndexUpdate

    backend = get_backend()
    return {
        "backend": backend.alias,
        "documents": backend.count(),
        "parked_updates": IndexUpdate.objects.filter(parked=True).count(),
    }


CHECKS = {"database": _database, "cache": _cache, "queue": _queue, "search": _search}


@never_cache
@require_GET
def healthz(request):
    report, healthy = {}, True
    for name, check in CHECKS.items():
        started = time.monotonic()
        try:
            report[name] = {"ok": True, **check()}
        except Exception as error:
            logger.warning("Health check %s failed: %r", name, error)
            report[name] = {"ok": False, "error": type(error).__name__}
            healthy = False
        report[name]["ms"] = round((time.monotonic() - started) * 1000, 1)
    return JsonResponse({"ok": healthy, **report}, status=200 if healthy else 503)
