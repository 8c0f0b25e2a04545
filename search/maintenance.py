"""Whole-index work for the management commands: rebuild in chunks, and check (and repair)
drift between the database and the index."""

from dataclasses import dataclass, field

from django.db.models import Max

from .backends import get_backend
from .index import document_for, indexed_models
from .models import IndexUpdate

CHUNK_SIZE = 500


def searchable_count():
    return sum(model.search_queryset().count() for model in indexed_models())


def iter_documents(chunk_size=CHUNK_SIZE):
    """Documents of every searchable object, read from the database in chunks."""
    for model in indexed_models():
        queryset = model.search_queryset().order_by("pk")
        for obj in queryset.iterator(chunk_size=chunk_size):
            yield document_for(obj)


def rebuild(chunk_size=CHUNK_SIZE, progress=None):
    """Replace the index with every searchable object; returns the number indexed.

    The writer lock is held throughout, so queued updates from other processes wait; those
    queued before the rebuild read the database are covered by it and removed.
    """
    backend = get_backend()
    count = 0
    with backend.batch(clear=True) as writer:
        covered = IndexUpdate.objects.aggregate(last=Max("id"))["last"]
        chunk = []
        for document in iter_documents(chunk_size):
            chunk.append(document)
            if len(chunk) >= chunk_size:
                count += _write(writer, chunk, progress)
        count += _write(writer, chunk, progress)
    if covered is not None:
        IndexUpdate.objects.filter(id__lte=covered).delete()
    return count


def _write(writer, chunk, progress):
    writer.add_many(chunk)
    written = len(chunk)
    if progress is not None:
        progress.update(written)
    chunk.clear()
    return written


@dataclass
class Drift:
    missing: list = field(default_factory=list)  # searchable, not in the index
    stale: list = field(default_factory=list)  # in the index with outdated content
    extra: list = field(default_factory=list)  # in the index, not searchable (any more)

    def __bool__(self):
        return bool(self.missing or self.stale or self.extra)


def check(repair=False, chunk_size=CHUNK_SIZE):
    """Compare the index with the database; with ``repair``, make the index match it.

    Repairs run under the writer lock, so no concurrent update is overwritten by an older state.
    """
    backend = get_backend()
    if not repair:
        return _compare(backend.digests(), chunk_size)[0]
    with backend.batch() as writer:
        drift, documents = _compare(backend.digests(), chunk_size)
        writer.add_many(documents)
        writer.delete_many(drift.extra)
    return drift


def _compare(indexed, chunk_size):
    drift, to_write, seen = Drift(), [], set()
    for document in iter_documents(chunk_size):
        seen.add(document.key)
        digest = indexed.get(document.key)
        if digest is None:
            drift.missing.append(document.key)
        elif digest != document.digest:
            drift.stale.append(document.key)
        else:
            continue
        to_write.append(document)
    drift.extra = sorted(set(indexed) - seen)
    return drift, to_write
