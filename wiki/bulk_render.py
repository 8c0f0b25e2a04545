"""Rendering many revisions at once, in parallel: what an import of a whole wiki spends its time
on (markdown and the sanitiser), spread over the machine's cores.

Workers are forked before any database work and only ever render text: the wikilink titles they
need are looked up once, in the parent, for the whole batch.
"""

import os
from concurrent.futures import ProcessPoolExecutor
from multiprocessing import get_context

from django.db import connections

from markup.extensions import title_candidates
from markup.resolvers import page_paths_for_titles

from .models import render_revision_text

# Below this many revisions a pool costs more than it saves.
POOL_THRESHOLD = 40


def _render(job):
    text, markup, titles, path = job
    if markup == "html":
        return render_revision_text(text, markup, path)
    from markup import render_markdown

    return render_markdown(text, resolve_title=lambda wanted: {
        t: titles[t] for t in wanted if t in titles
    }, page_path=path)


def _ready():
    return True


class BulkRenderer:
    """``with BulkRenderer(expected) as renderer: renderer.render(revisions)`` → Rendered list.

    Open it before any transaction: forking closes the database connections first, so no worker
    shares (and, exiting, closes) the parent's. Inside a transaction a connection cannot be
    closed, so there it renders in this process instead."""

    def __init__(self, expected):
        self.pool = None
        self.workers = min(os.cpu_count() or 1, 8)
        self.use_pool = expected >= POOL_THRESHOLD and self.workers > 1

    def __enter__(self):
        in_transaction = any(c.in_atomic_block for c in connections.all(initialized_only=True))
        if self.use_pool and not in_transaction:
            connections.close_all()
            self.pool = ProcessPoolExecutor(self.workers, mp_context=get_context("fork"))
            for future in [self.pool.submit(_ready) for _ in range(self.workers)]:
                future.result()
        return self

    def __exit__(self, *exc):
        if self.pool is not None:
            self.pool.shutdown(cancel_futures=True)

    def render(self, revisions):
        wanted = set()
        for revision in revisions:
            if revision.markup != "html":
                wanted |= title_candidates(revision.markdown)
        # Names resolve as a save resolves them: categories and examples first, then page titles.
        titles = page_paths_for_titles(wanted)
        jobs = [(r.markdown, r.markup, titles, r.page.path) for r in revisions]
        if self.pool is None:
            return [_render(job) for job in jobs]
        return list(self.pool.map(_render, jobs, chunksize=8))
