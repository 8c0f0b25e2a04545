"""What apps contribute to /search/: result types and filters, registered in ``AppConfig.ready()``.

    from search import registry
    registry.register_type(registry.SearchType("pages", "Pages", suggest=True))
    registry.register_filter(registry.SearchFilter(
        param="tag", field="tag_slugs", label="Tag",
        matching=Tag.objects.matching_query, offer_label="Tags",
    ))

A model's ``search_type`` must be a registered type (system check search.E003); a filter narrows
results by one of the models' ``FilterField``s. Search itself knows no app by name.
"""

from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True)
class SearchType:
    """A kind of result, shown as a chip on /search/ (``?type=name``)."""

    name: str
    label: str
    #: Offer the titles of this type's objects in the header's suggestions.
    suggest: bool = False
    #: A template included under each result of this type (with ``result`` and ``text``), for
    #: what only this type shows, such as a page's tags.
    result_template: str = ""


@dataclass(frozen=True)
class SearchFilter:
    """``?param=value`` keeps results whose FilterField ``field`` holds ``value``."""

    param: str
    field: str
    label: str
    #: ``choices() -> [(value, label)]`` when only some values are valid (a select); None for
    #: any slug.
    choices: Callable | None = None
    #: ``matching(query) -> objects with .name and .slug`` offered as this filter's values for a
    #: query (tags whose name contains a word of it), under ``offer_label``.
    matching: Callable | None = None
    offer_label: str = ""


_types = {}
_filters = {}


def register_type(search_type):
    _types[search_type.name] = search_type
    return search_type


def register_filter(search_filter):
    _filters[search_filter.param] = search_filter
    return search_filter


def types():
    """The registered types, in order of registration (INSTALLED_APPS order)."""
    return list(_types.values())


def filters():
    return list(_filters.values())


def get_type(name):
    return _types.get(name)


def get_filter(param):
    return _filters.get(param)
