"""Markup: the one markdown rendering pipeline, its sanitiser, red links and the editor widget.

    from markup import render_markdown, Rendered, RENDERER_VERSION, StoredMarkup

``render_markdown(text, *, resolve_title=None, mentions=None)`` returns
``Rendered(html, links, mentions)``; ``html`` is sanitised and the only HTML ever output with
``|safe``. Models keep markdown through the ``StoredMarkup`` mixin (markup/stored.py), which
stores the HTML with ``RENDERER_VERSION``; when that constant is bumped, ``manage.py
markup_rerender`` (markup/rerender.py) re-renders what older versions stored.
"""

from .pipeline import RENDERER_VERSION, Rendered, render_html, render_markdown
from .stored import StoredMarkup

__all__ = ["RENDERER_VERSION", "Rendered", "StoredMarkup", "render_html", "render_markdown"]
