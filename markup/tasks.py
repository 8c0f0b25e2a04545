"""The markup app's background work: re-rendering stored HTML after a renderer upgrade.

``migrate`` queues it after every deploy (MarkupConfig.ready connects ``queue_rerender`` to
post_migrate), and ``manage.py db_worker`` runs it; when nothing is stale it costs one count query
per model. ``manage.py markup_rerender`` does the same by hand, with progress.
"""

from django.db import DatabaseError, connections

from network_societies.background import enqueue_on_commit, retrying

from .rerender import markup_models, rerender_stale_html


@retrying(attempts=5, backoff=60, on=(DatabaseError,))
def rerender_stale(chunk_size=None):
    """Re-render every stored text an older renderer made (see markup.rerender)."""
    return rerender_stale_html(**({"chunk_size": chunk_size} if chunk_size else {}))


def queue_rerender(sender, using="default", **kwargs):
    """post_migrate: queue the re-render, unless a partial migrate left a table out."""
    tables = set(connections[using].introspection.table_names())
    if all(model._meta.db_table in tables for model in markup_models()):
        enqueue_on_commit(rerender_stale)
