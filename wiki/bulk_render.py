"""Rendering many revisions at once, in parallel: what an import of a whole wiki spends most of
its time on (markdown and the sanitiser), spread over the machine's cores.

Workers are forked before any database work and only ever render text: the wikilink titles they
need are looked up in the parent. A batch can be sent ahead (``submit``) so the workers render
one chunk of an import while the parent writes and indexes the one before; when its results are
collected, a text whose ``[[names]]`` resolve differently by then is rendered again, so the HTML
is what rendering at that moment would give.
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
    text, markup, path, titles = job
    if markup == "html":
        return render_revision_text(text, markup, path)
    from markup import render_markdown

    # The page's path resolves Wiki.js relative links and imported files, as a save does.
    return render_markdown(text, resolve_title=lambda wanted: {
        t: titles[t] for t in wanted if t in titles
    }, page_path=path)


def _ready():
    return True


def _wanted(text, markup, path=None):
    return set() if markup == "html" else title_candidates(text)


class RenderBatch:
    """Texts sent to the workers (``BulkRenderer.submit``); ``render(revisions)`` collects them.

    A text is keyed with its page's path: the same markdown renders differently on two pages
    when it holds relative links or files."""

    def __init__(self, pool, texts):
        self.texts = list(dict.fromkeys(texts))
        self.wanted = {key: _wanted(*key) for key in self.texts}
        self.titles = {}
        self._pending = self._done = None
        if pool is not None and self.texts:
            # Names resolve as a save resolves them: categories and examples first, then titles.
            self.titles = page_paths_for_titles(set().union(*self.wanted.values()))
            self._pending = pool.map(_render, [(*key, self.titles) for key in self.texts],
                                     chunksize=8)

    def render(self, revisions):
        """A Rendered for each revision, as rendering it now would give."""
        keys = [(r.markdown, r.markup, r.page.path) for r in revisions]
        wanted = {key: self.wanted.get(key) or _wanted(*key) for key in keys}
        titles = page_paths_for_titles(set().union(set(), *wanted.values()))
        if self._done is None:
            self._done = ({} if self._pending is None
                          else dict(zip(self.texts, self._pending, strict=True)))
        rendered = []
        for key in keys:
            result = self._done.get(key)
            if result is None or any(titles.get(t) != self.titles.get(t) for t in wanted[key]):
                result = _render((*key, titles))
            rendered.append(result)
        return rendered


class BulkRenderer:
    """``with BulkRenderer(expected) as renderer: renderer.render(revisions)`` → Rendered list;
    or ``batch = renderer.submit(texts)`` early and ``batch.render(revisions)`` later.

    Open it before any transaction: forking closes the database connections first, so no worker
    shares (and, exiting, closes) the parent's. Inside a transaction a connection cannot be
    closed, so there it renders in this process instead, when the results are collected."""

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

    def submit(self, texts):
        """Start rendering ``texts`` ((text, markup, page path) triples) on the workers; a
        RenderBatch."""
        return RenderBatch(self.pool, texts)

    def render(self, revisions):
        return self.submit([(r.markdown, r.markup, r.page.path) for r in revisions]).render(
            revisions)
