"""Where an upload is used: apps register a finder for what they contribute (pages, posts...).

    from files.usage import Use, register
    register(lambda upload: [Use("Page", page.title, page.get_absolute_url()) for page in ...])

A finder takes an upload and returns ``Use`` rows, with a bounded number of queries (it looks
for ``references.reference_fragment(upload.pk)`` in its texts). Covers are found here.

Rendered HTML stores an image's size and thumbnails, so when a new version is uploaded each app's
refresher marks the texts showing it for re-rendering (``register(finder, refresh=...)``).
"""

from dataclasses import dataclass

_finders = []
_refreshers = []
# The most rows one finder reports; the file page says "and more" past it.
LIMIT = 50


@dataclass(frozen=True)
class Use:
    kind: str  # "Page", "Post", "Example"...
    title: str
    url: str


def register(finder, *, refresh=None):
    if finder not in _finders:
        _finders.append(finder)
    if refresh is not None and refresh not in _refreshers:
        _refreshers.append(refresh)


def refresh_uses(upload):
    """Have every text that shows ``upload`` rendered again: the refreshers mark them stale and
    the markup re-render task renders them (a GET never writes; until then they show as stored)."""
    from markup.tasks import rerender_stale
    from network_societies.background import enqueue_on_commit

    for refresh in _refreshers:
        refresh(upload)
    enqueue_on_commit(rerender_stale)


def uses_of(upload):
    """Every registered place that shows or links ``upload``, covers first."""
    found = list(_covers(upload))
    for finder in _finders:
        found.extend(finder(upload))
    return list(dict.fromkeys(found))


def _covers(upload):
    from .covers import cover_uses

    return cover_uses(upload)
