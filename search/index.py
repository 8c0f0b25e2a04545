"""What a model declares to be searchable: the model side of the search layer.

A model mixes in ``Indexed`` and lists its fields once; the backends decide how to store them
(Wagtail's design). Nothing here knows about Whoosh or PostgreSQL.

    class Page(Indexed, models.Model):
        search_type = "pages"
        search_fields = [
            SearchField("title", boost=4),
            SearchField("tag_names", boost=3),   # attribute or zero-argument method
            SearchField("body_text"),
            FilterField("tag_slugs"),             # str or list of str, exact-match filter
        ]

        @classmethod
        def search_queryset(cls):
            return cls.objects.filter(published=True, deleted_at__isnull=True)
"""

from dataclasses import dataclass


@dataclass(frozen=True)
class SearchField:
    """Text that is matched against a query; ``boost`` weighs a match in this field."""

    name: str
    boost: float = 1.0


@dataclass(frozen=True)
class FilterField:
    """A value (or list of values) results can be narrowed by, such as tags or a scale."""

    name: str


class Indexed:
    """Mixin for models whose rows are found by /search/.

    Only what everyone may read is indexed: ``search_queryset`` must leave out unpublished,
    deleted and hidden rows, so they are never found and never appear in a snippet.
    """

    #: The result type shown and filtered on /search/: "pages", "taxonomy" or "forum".
    search_type = ""
    search_fields: list = []

    @classmethod
    def search_queryset(cls):
        return cls._default_manager.all()

    def search_value(self, name):
        value = getattr(self, name)
        return value() if callable(value) else value

    def search_title(self):
        return str(self)
