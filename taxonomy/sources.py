"""Where a recorded change came from, when another app made it: registered, not guessed.

An app that changes the taxonomy on someone's behalf (an accepted proposal) registers a function
taking a list of Changes and returning ``{change pk: {"label": ..., "url": ...}}``, in one query
whatever the number of changes. The history shows the label as a link.
"""

_SOURCES = []


def register(func):
    if func not in _SOURCES:
        _SOURCES.append(func)


def annotate(changes):
    """Set ``change.source`` (a dict or None) on each of ``changes``; returns them as a list."""
    changes = list(changes)
    found = {}
    for func in _SOURCES:
        found.update(func(changes))
    for change in changes:
        change.source = found.get(change.pk)
    return changes
