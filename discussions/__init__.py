"""Discussions: what people can discuss, and which app hosts the discussions.

The forum hosts discussions (threads); what they are about belongs to other apps. Nobody guesses
a neighbour's models: each side registers here, in its ``AppConfig.ready()``.

- **Subjects.** An app that owns something worth discussing registers a ``Subject`` kind: the
  taxonomy its categories (``"node"``) and examples (``"example"``), the wiki its pages
  (``"page"``). A thread stores its subject as ``(kind, id)`` and asks the kind for the object
  and whether a person may read it.
- **Boards** are taxonomy nodes, so the taxonomy registers, for every kind, which boards list
  threads about an object (its home board first): a category's own board; an example's
  categories; for a page, the category it is the article of, else the general discussion.
- **Boards change** when an example is reclassified or a category's article moves: the owner
  sends ``boards_changed`` and the host files the subject's threads again.
- **The host.** The forum registers the object that lists, counts and starts discussions of a
  subject (``host()``), so a concept page or a wiki page shows its Discussion without knowing
  the forum is there.
"""

from collections.abc import Callable
from dataclasses import dataclass

from django.dispatch import Signal

# Sent with ``kind`` and ``pks`` when the boards of those subjects may have changed, and
# ``board`` (a node) when every subject of the kind on that board may have left it.
boards_changed = Signal()

_subjects = {}
_boards = {}
_host = []


@dataclass(frozen=True)
class Subject:
    kind: str  # stored on threads: never rename one that has threads
    model: type  # the model class whose rows are discussed
    noun: str  # "category", "example", "page", for people
    lookup: Callable  # lookup(pk) -> the object, or None once it is gone
    can_read: Callable  # can_read(user, obj) -> bool
    lookup_many: Callable  # lookup_many(pks) -> {pk: object} of those still there: one query


def register(subject):
    _subjects[subject.kind] = subject


def subject(kind):
    """The registered kind, or None."""
    return _subjects.get(kind)


def kind_of(obj):
    """The registered kind an object is discussed as, or None."""
    for registered in _subjects.values():
        if isinstance(obj, registered.model):
            return registered
    return None


def register_boards(kind, finder):
    """``finder(obj) -> [taxonomy nodes]``: the boards that list threads about ``obj``, its home
    board first. The taxonomy registers one for every kind, since boards are its nodes."""
    _boards[kind] = finder


def boards_of(kind, obj):
    finder = _boards.get(kind)
    return list(finder(obj)) if finder else []


def register_host(host):
    """The app that hosts discussions (the forum). It provides ``panel(request, obj, limit)``
    (a dict for its ``template``: threads, count and links, or None), ``count(obj)`` and
    ``talk_url(obj)``."""
    _host[:] = [host]


def host():
    return _host[0] if _host else None
