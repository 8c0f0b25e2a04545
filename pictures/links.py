"""Links from the pictures to the examples directory with the same filters.

The directory (taxonomy.views.directory, at /examples/) reads the same query parameters as the
pictures (taxonomy.directory.DirectoryFilter), so a picture and its table are one URL apart.
"""

from django.http import QueryDict
from django.urls import reverse

PICTURE_PARAMS = {"page"}  # the pictures' own parameters, never passed on


def filter_query(data, **changes):
    """The query string of ``data`` (a QueryDict) without the pictures' own parameters, with
    ``changes`` applied ("" or None removes a key)."""
    query = QueryDict(mutable=True)
    for key, values in data.lists():
        if key not in PICTURE_PARAMS and key not in changes:
            query.setlist(key, [v for v in values if v])
    for key, value in changes.items():
        if value not in (None, ""):
            query[key] = str(value)
    encoded = query.urlencode()
    return f"?{encoded}" if encoded else ""


def directory_url(data, **changes):
    return reverse("taxonomy:directory") + filter_query(data, **changes)


def map_url(data, **changes):
    return reverse("pictures:map") + filter_query(data, **changes)


def timeline_url(data, **changes):
    return reverse("pictures:timeline") + filter_query(data, **changes)
