"""Page-numbered lists for the API: ``?page=2&page_size=50``, with the total, the number of
pages and the URLs of the pages before and after, so a client follows ``next`` until it is null.

Two queries per list (the count and the page), whatever the number of rows.
"""

import math

from django.http import QueryDict
from ninja import Field, Schema
from ninja.pagination import PaginationBase

PAGE_SIZE = 20
MAX_PAGE_SIZE = 100
MAX_PAGE = 10_000


class PageParams(Schema):
    page: int = Field(1, ge=1, le=MAX_PAGE, description="Page number, from 1.")
    page_size: int = Field(PAGE_SIZE, ge=1, le=MAX_PAGE_SIZE, description="Items per page.")


def page_links(request, number, pages):
    """(previous, next) absolute URLs, or None at either end."""

    def link(to):
        query = QueryDict(request.META.get("QUERY_STRING", ""), mutable=True)
        query["page"] = str(to)
        return request.build_absolute_uri(f"{request.path}?{query.urlencode()}")

    return (link(number - 1) if 1 < number <= pages + 1 else None,
            link(number + 1) if number < pages else None)


def page_of(request, rows, total, number, size):
    pages = max(1, math.ceil(total / size))
    previous, following = page_links(request, number, pages)
    return {"count": total, "page": number, "pages": pages, "previous": previous,
            "next": following, "results": rows}


class Pages(PaginationBase):
    class Input(Schema):
        page: int = Field(1, ge=1, le=MAX_PAGE, description="Page number, from 1.")
        page_size: int = Field(PAGE_SIZE, ge=1, le=MAX_PAGE_SIZE, description="Items per page.")

    class Output(Schema):
        count: int = Field(description="Items on all pages.")
        page: int
        pages: int = Field(description="Number of pages (at least 1).")
        previous: str | None = Field(description="URL of the page before, or null.")
        next: str | None = Field(description="URL of the page after, or null.")
        results: list

    items_attribute = "results"

    def paginate_queryset(self, queryset, pagination, request, **params):
        size, number = pagination.page_size, pagination.page
        offset = (number - 1) * size
        rows = list(queryset[offset:offset + size])
        total = offset + len(rows) if 0 < len(rows) < size else queryset.count()
        return page_of(request, rows, total, number, size)
