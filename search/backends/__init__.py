"""The search backend chosen in settings, like CACHES: ``get_backend()`` returns the one named by
``settings.SEARCH_BACKEND`` from ``settings.SEARCH_BACKENDS``."""

from django.conf import settings
from django.utils.module_loading import import_string

from .base import IndexLocked, SearchBackend, SearchHit, SearchResults, SearchUnavailable

__all__ = [
    "IndexLocked", "SearchBackend", "SearchHit", "SearchResults", "SearchUnavailable",
    "get_backend",
]

_backends = {}


def get_backend(alias=None):
    """The configured backend, built once per configuration (settings are read at call time)."""
    alias = alias or settings.SEARCH_BACKEND
    options = dict(settings.SEARCH_BACKENDS[alias])
    cache_key = (alias, repr(sorted(options.items())))
    if cache_key not in _backends:
        backend_class = import_string(options.pop("BACKEND"))
        _backends[cache_key] = backend_class(alias, options)
    return _backends[cache_key]
