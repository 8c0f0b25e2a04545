"""No lost index update: every change to an indexed object writes an outbox row in the same
transaction, and the rows are applied to the index after commit.

A row is deleted only after the index holds the object's current state (added if it is in its
model's ``search_queryset()``, removed otherwise), and rows are read under the index's writer
lock, so concurrent processes cannot write an older state over a newer one. When the index is
locked for too long or the process dies, the rows stay and are applied by the next write or by
``manage.py search_sync``.

Other apps call ``enqueue(objects)`` when an object's indexability changes through a related
object (the posts of a thread that was hidden).
"""

import logging
from collections import defaultdict

from django.core.exceptions import ValidationError
from django.db import connection, transaction
from django.db.models.signals import m2m_changed, post_delete, post_save

from .backends import IndexLocked, get_backend
from .index import Indexed, document_for, document_key, indexed_model, indexed_models
from .models import IndexUpdate

logger = logging.getLogger(__name__)

DRAIN_BATCH = 500


def enqueue(objects):
    """Queue index updates for ``objects`` (Indexed instances) in the current transaction."""
    rows = [
        IndexUpdate(model=obj._meta.label_lower, object_id=str(obj.pk))
        for obj in objects
        if isinstance(obj, Indexed) and obj.search_type and obj.pk is not None
    ]
    enqueue_keys([(row.model, row.object_id) for row in rows])


def enqueue_keys(pairs):
    """Queue updates for (model label, primary key) pairs, e.g. of rows already deleted."""
    rows = [IndexUpdate(model=label, object_id=str(pk)) for label, pk in pairs]
    if not rows:
        return
    IndexUpdate.objects.bulk_create(rows)
    _drain_after_commit()


def _drain_after_commit():
    """Schedule one drain for the current transaction, however many rows it queues."""
    pending = getattr(connection, "search_pending_drain", None)
    # A callback of a rolled-back transaction or savepoint is no longer in run_on_commit.
    if pending is not None and any(func is pending for _, func, _ in connection.run_on_commit):
        return

    def drain_once():
        connection.search_pending_drain = None
        drain()

    connection.search_pending_drain = drain_once
    transaction.on_commit(drain_once, robust=True)


def drain(batch_size=DRAIN_BATCH):
    """Apply queued updates to the index; returns how many rows were applied.

    If another process holds the index longer than the backend's lock timeout, the rows are
    left for the next drain and this returns what it managed so far.
    """
    backend = get_backend()
    applied = 0
    while IndexUpdate.objects.exists():
        try:
            with backend.batch() as writer:
                rows = list(IndexUpdate.objects.order_by("id")[:batch_size])
                apply_updates(rows, writer)
        except IndexLocked:
            logger.info("Search index busy; queued updates are left for the next drain.")
            break
        # Only now that the index holds them: a crash before this line re-applies, never loses.
        IndexUpdate.objects.filter(id__in=[row.id for row in rows]).delete()
        applied += len(rows)
        if len(rows) < batch_size:
            break
    return applied


def apply_updates(rows, writer):
    """Write the current state of the rows' objects: one query per model, whatever the count."""
    ids_by_model = defaultdict(set)
    for row in rows:
        ids_by_model[row.model].add(row.object_id)
    for label, ids in ids_by_model.items():
        found = {str(obj.pk): obj for obj in current_objects(label, ids)}
        writer.add_many([document_for(obj) for obj in found.values()])
        writer.delete_many([document_key(label, pk) for pk in ids - found.keys()])


def current_objects(label, ids):
    """The objects among ``ids`` that are searchable now (deleted, hidden or unknown: absent)."""
    model = indexed_model(label)
    if model is None:
        return []
    pks = []
    for value in ids:
        try:
            pks.append(model._meta.pk.to_python(value))
        except ValidationError:
            continue
    return list(model.search_queryset().filter(pk__in=pks))


# --- Signals: connected for every Indexed model by SearchConfig.ready() --------------------------

def _saved(sender, instance, raw=False, **kwargs):
    enqueue([instance])


def _deleted(sender, instance, **kwargs):
    enqueue_keys([(sender._meta.label_lower, instance.pk)])


def _m2m_changed(sender, instance, action, reverse, model, pk_set, **kwargs):
    """Tags added or removed: the objects on both sides may read differently now."""
    if action not in {"post_add", "post_remove", "post_clear"}:
        return
    enqueue([instance])
    if pk_set and issubclass(model, Indexed) and model.search_type:
        enqueue_keys([(model._meta.label_lower, pk) for pk in pk_set])


def connect_signals():
    throughs = set()
    for model in indexed_models():
        uid = f"search:{model._meta.label_lower}"
        post_save.connect(_saved, sender=model, dispatch_uid=uid)
        post_delete.connect(_deleted, sender=model, dispatch_uid=uid)
        # Both sides of a many-to-many: Page.tags, and Example.nodes seen from TaxonomyNode.
        throughs |= {field.remote_field.through for field in model._meta.many_to_many}
        throughs |= {rel.through for rel in model._meta.related_objects if rel.many_to_many}
    for through in throughs:
        m2m_changed.connect(
            _m2m_changed, sender=through, dispatch_uid=f"search:{through._meta.label_lower}"
        )
