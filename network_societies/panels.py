"""Panels: what one app shows on another app's page, registered instead of guessed.

A page names a slot in its template (``{% load panels %}{% panels "forum.thread" thread %}``);
an app registers, in its ``AppConfig.ready()``, a function for that slot taking
``(request, obj)`` and returning HTML (rendered from its own template) or "". Slots in use:
``forum.thread`` (a thread, above its posts), ``taxonomy.examples`` (the examples list),
``taxonomy.directory`` (the examples directory, beside its downloads) and ``home``. Concept
pages take sections through ``taxonomy.contributions`` instead. Each panel
must make a bounded number of queries.
"""

_PANELS = {}


def register(slot, func):
    if func not in _PANELS.setdefault(slot, []):
        _PANELS[slot].append(func)


def render(slot, request, obj=None):
    """The non-empty HTML of each panel registered for ``slot``, in registration order."""
    return [html for func in _PANELS.get(slot, []) if (html := func(request, obj))]
