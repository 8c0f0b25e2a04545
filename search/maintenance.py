"""Whole-index work for the management commands: rebuild in chunks, and check (and repair)
drift between the database and the index."""

import os
from concurrent.futures import ProcessPoolExecutor, wait
from dataclasses import dataclass, field
from multiprocessing import get_context

from django.apps import apps
from django.db import connections
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


def rebuild(chunk_size=CHUNK_SIZE, progress=None, processes=None):
    """Replace the index with every searchable object; returns the number indexed.

    Documents are built in batches (one query per model and batch, plus its prefetches), by
    ``processes`` forked workers (default: one per core) when there is no open transaction to
    share; the backend writes them in bulk (``rebuild_batch``). A backend that can write parts
    of the index in other processes (Whoosh's ``rebuild_part``: segments of its own) has each
    worker write what it built; otherwise the workers hand their documents to this process
    (PostgreSQL: set-based inserts with the tsvector computed in the database).

    The writer lock is held throughout, so queued updates from other processes wait; those
    queued before the rebuild read the database are covered by it and removed.
    """
    backend = get_backend()
    count = 0
    with DocumentBuilder(processes) as builder, backend.rebuild_batch() as writer:
        covered = IndexUpdate.objects.aggregate(last=Max("id"))["last"]
        if hasattr(backend, "rebuild_part"):
            count = builder.write_parts(writer, chunk_size, progress)
        else:
            for chunk in builder.chunks(chunk_size):
                count += _write(writer, chunk, progress)
    if covered is not None:
        IndexUpdate.objects.filter(id__lte=covered).delete()
    return count


class DocumentBuilder:
    """Documents of every searchable object, a batch of primary keys at a time, built by a pool
    of forked workers when that pays. Open it before any transaction: forking closes the
    database connections first, so no worker shares (and, exiting, closes) the parent's; inside
    a transaction (a test, a caller's atomic block) it builds in this process instead."""

    def __init__(self, processes=None):
        self.processes = processes or min(os.cpu_count() or 1, 8)
        self.pool = None

    def __enter__(self):
        if self.processes > 1 and _forkable():
            connections.close_all()
            context = get_context("fork")
            self.done = context.SimpleQueue()  # how many documents each worker has written
            self.pool = ProcessPoolExecutor(self.processes, mp_context=context,
                                            initializer=_share_queue, initargs=(self.done,))
            self.pool.submit(_ready).result()  # forks every worker now, before any query
        return self

    def __exit__(self, *exc):
        if self.pool is not None:
            self.pool.shutdown(cancel_futures=True)

    def chunks(self, chunk_size=CHUNK_SIZE):
        """Lists of Documents, in primary key order per model."""
        jobs = self._jobs(chunk_size)
        if self.pool is None or len(jobs) < 2:
            return map(_build, jobs)
        return self.pool.map(_build, jobs)

    def write_parts(self, writer, chunk_size=CHUNK_SIZE, progress=None):
        """Build and write the documents in the workers, each its share of the batches into a
        part of the index of its own (the backend's ``rebuild_part``), and hand the parts to
        ``writer``; returns how many documents were written."""
        jobs = self._jobs(chunk_size)
        if self.pool is None:
            count, segments = _write_part(jobs, progress)
            writer.add_parts([segments])
            return count
        # Consecutive shares, so the segments hold the documents in the order one process
        # writes them: equal scores rank in the same order.
        shares = [jobs[len(jobs) * n // self.processes:len(jobs) * (n + 1) // self.processes]
                  for n in range(self.processes)]
        futures = [self.pool.submit(_write_part, share) for share in shares if share]
        pending = futures
        while pending:
            pending = wait(pending, timeout=0.2).not_done
            while not self.done.empty():  # a SimpleQueue: a worker's put is in it when done
                written = self.done.get()
                if progress is not None:
                    progress.update(written)
        results = [future.result() for future in futures]  # a worker's error is raised here
        writer.add_parts([segments for _, segments in results])
        return sum(count for count, _ in results)

    def _jobs(self, chunk_size):
        return [
            (model._meta.label_lower, first, last)
            for model in indexed_models()
            for first, last in _pk_ranges(model, chunk_size)
        ]


def _forkable():
    """Workers can read what this process reads: no open transaction, and not a private
    in-memory SQLite database (the test suite's), which a forked process would find empty."""
    if any(c.in_atomic_block for c in connections.all(initialized_only=True)):
        return False
    connection = connections["default"]
    return not (connection.vendor == "sqlite" and connection.is_in_memory_db())


def _pk_ranges(model, size):
    pks = list(model.search_queryset().order_by("pk").values_list("pk", flat=True))
    return [(pks[i], pks[min(i + size, len(pks)) - 1]) for i in range(0, len(pks), size)]


def _ready():
    return True


_done = None  # a worker's queue for how many documents it has written (write_parts)


def _share_queue(done):
    global _done
    _done = done


def _write_part(jobs, progress=None):
    """Build the documents of ``jobs`` and write them into a part of the index; returns how many
    and the part's segments. In a worker each batch written is reported on the shared queue."""
    count = 0
    with get_backend().rebuild_part() as part:
        for job in jobs:
            documents = _build(job)
            part.add_many(documents)
            count += len(documents)
            if progress is not None:
                progress.update(len(documents))
            elif _done is not None:
                _done.put(len(documents))
    return count, part.segments


def _build(job):
    label, first, last = job
    model = apps.get_model(label)
    objects = model.search_queryset().filter(pk__gte=first, pk__lte=last).order_by("pk")
    return [document_for(obj) for obj in objects]


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
