"""The one way a model keeps markdown: the source, its rendered HTML and the renderer version.

A model mixes in ``StoredMarkup`` and names its three fields (existing names are kept):

    class Revision(StoredMarkup, models.Model):
        markup_fields = ("markdown", "html", "renderer_version")

It renders on write (``refresh_html()`` before saving) and shows ``current_html()``. When
``RENDERER_VERSION`` is bumped, stored rows are older than the renderer; they are re-rendered by
``markup.rerender.rerender_stale_html``: a background task queued by every ``migrate``
(markup/tasks.py), or ``manage.py markup_rerender`` by hand; never during a GET.

Until then readers see the stored HTML passed through today's sanitiser again (no write): it was
sanitised when stored, and cleaning it again applies a stricter allow-list at once, so a hole in an
older sanitiser never reaches a reader. What a re-render would add (new extensions, new link rules
such as rel=nofollow on new kinds of external link) waits for the task; the sanitiser alone gives
every external link its rel, so nothing unsafe waits. A row that has no stored HTML at all (source
written by a raw import) is rendered for the reader, still without writing.
"""

from . import pipeline
from .sanitiser import clean_html


class StoredMarkup:
    """Mixin for a model with markdown: stores the rendered HTML with the renderer version."""

    #: (markdown source field, HTML field, renderer version field), in that order.
    markup_fields = ("markdown", "html", "renderer_version")

    @classmethod
    def markup_queryset(cls):
        """The rows a re-render walks through (add ``select_related`` for what rendering or
        ``markup_index_targets`` reads)."""
        return cls._default_manager.all()

    def render_markup(self):
        """``Rendered`` for this row's source. Override to resolve wikilinks or @mentions; a
        re-render must not notify anyone or depend on who is looking."""
        return pipeline.render_markdown(getattr(self, self.markup_fields[0]))

    def refresh_html(self, rendered=None):
        """Store the rendering of the source on the instance (the caller saves it)."""
        rendered = rendered or self.render_markup()
        _, html, version = self.markup_fields
        setattr(self, html, rendered.html)
        setattr(self, version, pipeline.RENDERER_VERSION)
        return rendered

    @property
    def html_is_stale(self):
        return getattr(self, self.markup_fields[2]) < pipeline.RENDERER_VERSION

    def current_html(self):
        """The HTML to show now: the stored HTML, cleaned again when an older renderer made it.
        Never writes; see the module docstring for why this is safe."""
        source, html, _ = self.markup_fields
        stored = getattr(self, html)
        if not self.html_is_stale:
            return stored
        if not stored and getattr(self, source):
            return self.render_markup().html
        return clean_html(stored)

    def markup_index_targets(self):
        """The objects whose search entry shows this HTML (re-indexed after a re-render)."""
        return [self]
