"""System checks: a misconfigured search backend is reported by ``manage.py check`` with a hint,
not by a crash on the first search."""

from django.conf import settings
from django.core.checks import Error, Tags, Warning, register
from django.db import DatabaseError, connection


@register()
def search_backend_configured(app_configs, **kwargs):
    alias = settings.SEARCH_BACKEND
    if alias not in settings.SEARCH_BACKENDS:
        return [Error(
            f"SEARCH_BACKEND is {alias!r}, which is not a key of SEARCH_BACKENDS.",
            hint=f"Use one of: {', '.join(settings.SEARCH_BACKENDS)}.",
            id="search.E001",
        )]
    backend = settings.SEARCH_BACKENDS[alias]["BACKEND"]
    if backend.endswith("PostgresBackend") and connection.vendor != "postgresql":
        return [Error(
            "The PostgreSQL search backend needs a PostgreSQL database.",
            hint="Set DATABASE_URL to postgres://… or SEARCH_BACKEND=whoosh.",
            id="search.E002",
        )]
    return []


@register()
def search_types_registered(app_configs, **kwargs):
    """Every indexed model's ``search_type`` is one an app registered (search.registry)."""
    from . import registry
    from .index import indexed_models

    known = {t.name for t in registry.types()}
    return [
        Error(
            f"{model._meta.label}.search_type is {model.search_type!r}, which no app registered.",
            hint="Register it in the app's AppConfig.ready() with "
                 "search.registry.register_type(SearchType(...)).",
            obj=model, id="search.E003",
        )
        for model in indexed_models() if model.search_type not in known
    ]


@register(Tags.database)
def postgres_trigrams_available(app_configs, databases=None, **kwargs):
    """Without pg_trgm (migration 0003 could not create it) corrections find only words one edit
    away; say so, with what to run."""
    if not databases or settings.SEARCH_BACKEND != "postgres" or connection.vendor != "postgresql":
        return []
    from .backends import get_backend

    try:
        available = get_backend().has_trigrams()
    except DatabaseError:
        return []  # not migrated yet: the migration decides
    if available:
        return []
    return [Warning(
        "PostgreSQL's pg_trgm extension is missing, so search offers corrections only one edit "
        "away from a mistyped word.",
        hint="As a superuser: CREATE EXTENSION pg_trgm; then CREATE INDEX search_word_trgm ON "
             "search_searchword USING gist (word gist_trgm_ops);",
        id="search.W002",
    )]
