"""No lost index update: every change to an indexed object writes an outbox row in the same
transaction, and after the commit one task (search.tasks.apply_index_updates) applies the rows
on a worker, so the request never waits for the index.

A row is deleted only after the index holds the object's current state (added if it is in its
model's ``search_queryset()``, removed otherwise), and rows are read under the index's writer
lock, so concurrent processes cannot write an older state over a newer one. When the index is
locked for too long or the process dies, the rows stay and are applied by the next write or by
``manage.py search_sync``.

A row whose object fails to index is retried alone with backoff and finally parked with its
error (see IndexUpdate); the others are applied meanwhile.

Other apps call ``enqueue(objects)`` when an object's indexability changes through a related
object (the posts of a thread that was hidden), or to index many objects at once after a bulk
write that sent no signals (an import's ``bulk_create``): one INSERT of rows and one task.
"""

import logging
import sys
import traceback
from collections import defaultdict
from datetime import timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import connection, transaction
from django.db.models import Q
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.utils import timezone

from network_societies.background import backoff_delay, deferred

from .backends import IndexLocked, get_backend
from .index import Indexed, document_for, document_key, indexed_model, indexed_models
from .models import IndexUpdate
from .signals import index_changed

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
    _queue_after_commit()


def _queue_after_commit():
    """Queue one index task for the current transaction, however many rows it queues."""
    pending = getattr(connection, "search_pending_drain", None)
    # A callback of a rolled-back transaction or savepoint is no longer in run_on_commit.
    if pending is not None and any(func is pending for _, func, _ in connection.run_on_commit):
        return

    def queue_once():
        from .tasks import apply_index_updates

        connection.search_pending_drain = None
        apply_index_updates.enqueue()

    connection.search_pending_drain = queue_once
    transaction.on_commit(queue_once, robust=True)


def drain(batch_size=DRAIN_BATCH):
    """Apply the ready rows to the index; returns how many were applied.

    If another process holds the index longer than the backend's lock timeout, the rows are
    left for the next drain and this returns what it managed so far. A row whose object fails
    to index is put back with a later ``retry_at`` (or parked) and the others are applied.
    """
    backend = get_backend()
    applied = 0
    while True:
        try:
            with backend.batch() as writer:
                rows = list(IndexUpdate.objects.ready().order_by("id")[:batch_size])
                failures = apply_updates(rows, writer) if rows else {}
        except IndexLocked:
            logger.info("Search index locked; queued updates are left for the next drain")
            break
        if not rows:
            break
        # Only now that the index holds them: a crash before this line re-applies, never loses.
        _forget_applied(rows, failures)
        _put_back(rows, failures)
        applied += len(rows) - len(failures)
        if len(rows) < batch_size:
            break
    if applied:
        index_changed.send(sender=drain, applied=applied)
    return applied


def apply_updates(rows, writer):
    """Write the current state of the rows' objects: one query per model, whatever the count.

    Returns {row id: error text} for the rows whose object could not be indexed; everything else
    was written."""
    rows_by_key = defaultdict(list)
    for row in rows:
        rows_by_key[(row.model, row.object_id)].append(row)
    ids_by_model = defaultdict(set)
    for label, pk in rows_by_key:
        ids_by_model[label].add(pk)
    failed_keys = {}
    for label, ids in ids_by_model.items():
        try:
            found = {str(obj.pk): obj for obj in current_objects(label, ids)}
        except Exception as error:  # the model's queryset itself fails: all its rows wait
            failed_keys.update({(label, pk): _describe(error) for pk in ids})
            continue
        documents = []
        for pk, obj in found.items():
            try:
                documents.append(document_for(obj))
            except Exception as error:  # one object's data or code is broken: it alone waits
                failed_keys[(label, pk)] = _describe(error)
        failed_keys.update(_write(writer, documents, label))
        writer.delete_many([document_key(label, pk) for pk in ids - found.keys()])
    return {row.id: error for key, error in failed_keys.items() for row in rows_by_key[key]}


def _write(writer, documents, label):
    """Add ``documents``; if the backend refuses the lot, add them one by one and return
    {(label, pk): error} of those it refused. Savepoints keep a refused statement from
    aborting the PostgreSQL backend's transaction."""
    try:
        with transaction.atomic():
            writer.add_many(documents)
        return {}
    except Exception:
        if len(documents) <= 1:
            return {(label, doc.pk): _describe(sys.exc_info()[1]) for doc in documents}
    failed = {}
    for document in documents:
        try:
            with transaction.atomic():
                writer.add_many([document])
        except Exception as error:
            failed[(label, document.pk)] = _describe(error)
    return failed


def _describe(error):
    logger.warning("Could not index an object: %r", error, exc_info=error)
    return "".join(traceback.format_exception_only(error)).strip()[:2000]


def _forget_applied(rows, failures):
    """Delete the applied rows, and older rows of the same objects (waiting or parked): the
    index now holds those objects' current state. Rows queued since stay."""
    newest = max(row.id for row in rows)
    applied = defaultdict(set)
    for row in rows:
        if row.id not in failures:
            applied[row.model].add(row.object_id)
    if not applied:
        return
    covered = Q()
    for label, ids in applied.items():
        covered |= Q(model=label, object_id__in=ids)
    IndexUpdate.objects.filter(covered, id__lte=newest).delete()


def _put_back(rows, failures):
    """Failed rows wait with backoff; after the last attempt they are parked."""
    if not failures:
        return
    from .tasks import apply_index_updates

    max_attempts = settings.SEARCH_MAX_ATTEMPTS
    earliest = None
    for row in rows:
        if row.id not in failures:
            continue
        attempts = row.attempts + 1
        parked = attempts >= max_attempts
        retry_at = None if parked else timezone.now() + timedelta(
            seconds=backoff_delay(attempts, settings.SEARCH_RETRY_BACKOFF)
        )
        IndexUpdate.objects.filter(id=row.id).update(
            attempts=attempts, parked=parked, retry_at=retry_at, error=failures[row.id]
        )
        if parked:
            logger.error("Search update %s:%s parked after %d attempts: %s",
                         row.model, row.object_id, attempts, failures[row.id])
        elif earliest is None or retry_at < earliest:
            earliest = retry_at
    if earliest is not None:
        deferred(apply_index_updates, (earliest - timezone.now()).total_seconds()).enqueue()


def retry_parked(queryset=None):
    """Give parked rows a fresh set of attempts (after the cause is fixed); returns how many."""
    queryset = IndexUpdate.objects.filter(parked=True) if queryset is None else queryset
    count = queryset.update(parked=False, attempts=0, retry_at=None)
    if count:
        from .tasks import apply_index_updates

        apply_index_updates.enqueue()
    return count


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
    # A raw save (loaddata) queues the row like any other: only the key is read here, and the
    # task reads the object once the whole fixture is committed, relations and all.
    enqueue_keys([(sender._meta.label_lower, instance.pk)])


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
