"""Deployment checks (``manage.py check --deploy``): settings that work on one machine and break
quietly on several servers behind a load balancer. Each has an id and a hint; the README's
production settings pass them all."""

from django.conf import settings
from django.core.checks import Tags, Warning, register


def _production():
    return not settings.DEBUG


@register(Tags.caches, deploy=True)
def shared_cache(app_configs, **kwargs):
    backend = settings.CACHES["default"]["BACKEND"]
    if _production() and backend.endswith(("LocMemCache", "DummyCache")):
        return [Warning(
            "The cache is local to each process, so rate limits and cached pages are not "
            "shared between workers and servers.",
            hint="Set REDIS_URL=redis://host:6379/0.",
            id="network_societies.W001",
        )]
    return []


@register(Tags.database, deploy=True)
def server_database(app_configs, **kwargs):
    if _production() and settings.DATABASES["default"]["ENGINE"].endswith("sqlite3"):
        return [Warning(
            "The database is SQLite: a file on this server's disk that no second server can "
            "share.",
            hint="Set DATABASE_URL=postgres://user@host:5432/name.",
            id="network_societies.W002",
        )]
    return []


@register(deploy=True)
def shared_search_index(app_configs, **kwargs):
    backend = settings.SEARCH_BACKENDS[settings.SEARCH_BACKEND]["BACKEND"]
    if _production() and backend.endswith("WhooshBackend"):
        return [Warning(
            "The search index is a Whoosh folder on this server's disk: a second server would "
            "search its own, different index.",
            hint="With PostgreSQL, set SEARCH_BACKEND=postgres (the default there). Keep Whoosh "
                 "only for a single server, with its index updated by one db_worker.",
            id="network_societies.W003",
        )]
    return []


@register(deploy=True)
def trusted_proxies(app_configs, **kwargs):
    if settings.SECURE_PROXY_SSL_HEADER and not getattr(
        settings, "ALLAUTH_TRUSTED_PROXY_COUNT", 0
    ):
        return [Warning(
            "SECURE_PROXY_SSL_HEADER trusts a proxy, but allauth is not told how many proxies "
            "add to X-Forwarded-For, so every visitor's login attempts count against the "
            "proxy's IP.",
            hint="Set TRUSTED_PROXY_COUNT to the number of proxies in front of the app "
                 "(1 behind one load balancer).",
            id="network_societies.W004",
        )]
    return []


@register(deploy=True)
def background_queue(app_configs, **kwargs):
    backend = settings.TASKS["default"]["BACKEND"]
    if _production() and not backend.endswith("DatabaseBackend"):
        return [Warning(
            "Tasks run inside the request that queued them: a slow mail server or a locked "
            "search index slows that request down, and failures are not retried later.",
            hint="Unset TASKS_BACKEND (the database queue) and run `manage.py db_worker` beside "
                 "the web servers.",
            id="network_societies.W005",
        )]
    return []
