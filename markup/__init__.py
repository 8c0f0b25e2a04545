"""Markup: the one markdown rendering pipeline, its sanitiser, red links and the editor widget.

    from markup import render_markdown, Rendered, RENDERER_VERSION

``render_markdown(text, *, resolve_title=None, mentions=None)`` returns
``Rendered(html, links, mentions)``; ``html`` is sanitised and the only HTML ever output with
``|safe``. Store it with ``RENDERER_VERSION``; when that constant is bumped, stored HTML with an
older version is re-rendered lazily, the next time it is shown.
"""

from .pipeline import RENDERER_VERSION, Rendered, render_markdown

__all__ = ["RENDERER_VERSION", "Rendered", "render_markdown"]
