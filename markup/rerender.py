"""Re-rendering stored HTML after a renderer upgrade, in chunks: ``rerender_stale_html()`` is the
body of ``manage.py markup_rerender`` and of the task ``markup.tasks.rerender_stale`` that every
``migrate`` queues (it takes no request and is safe to retry).

Each row is written with a conditional UPDATE (same source, same old version), so an edit saved
meanwhile is never overwritten with the rendering of the text it replaced, and no row lock is held
while rendering. Rows shown in search are queued for re-indexing in the same transaction, and
cached pages are invalidated (update() sends no save signal that would do it).
"""

from django.apps import apps
from django.db import transaction

from . import pipeline
from .stored import StoredMarkup

CHUNK_SIZE = 200


def markup_models():
    """Every installed concrete model that mixes in StoredMarkup, in INSTALLED_APPS order."""
    return [
        model for model in apps.get_models()
        if issubclass(model, StoredMarkup) and not model._meta.abstract
    ]


def stale_rows(model):
    version = model.markup_fields[2]
    return model.markup_queryset().filter(**{f"{version}__lt": pipeline.RENDERER_VERSION})


def rerender_stale_html(*, chunk_size=CHUNK_SIZE, progress=None):
    """Re-render every row an older renderer made; returns how many were written.

    ``progress(model, done, total)`` is called after each chunk. Safe to run again, or in two
    processes at once: a row already re-rendered is no longer stale.
    """
    written = 0
    for model in markup_models():
        rows = stale_rows(model).order_by("pk")
        total = rows.count()
        done, last_pk = 0, None
        while done < total:
            chunk = list((rows if last_pk is None else rows.filter(pk__gt=last_pk))[:chunk_size])
            if not chunk:
                break
            last_pk = chunk[-1].pk
            written += rerender_rows(model, chunk)
            done += len(chunk)
            if progress:
                progress(model, done, total)
    return written


def rerender_rows(model, rows):
    """Re-render ``rows`` of ``model`` in one transaction; returns how many were written."""
    from network_societies import pagecache
    from search.outbox import enqueue

    source, html, version = model.markup_fields
    written, targets = 0, {}
    with transaction.atomic():
        for row in rows:
            unchanged = {"pk": row.pk, source: getattr(row, source), version: getattr(row, version)}
            rendered = row.render_markup()
            if model._default_manager.filter(**unchanged).update(
                **{html: rendered.html, version: pipeline.RENDERER_VERSION}
            ):
                written += 1
                for target in row.markup_index_targets():
                    targets[(target._meta.label_lower, target.pk)] = target
        enqueue(list(targets.values()))
        if written:
            pagecache.invalidate()
    return written
