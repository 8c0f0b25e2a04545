"""/search/: ranked results with snippets and filters, and title suggestions for the header."""

import logging

from django.http import JsonResponse, QueryDict
from django.shortcuts import render
from django.views.decorators.http import require_GET

from .backends import SearchUnavailable
from .forms import SearchForm
from .results import SEARCH_TYPES, matching_tags, search_site, suggest_titles

logger = logging.getLogger(__name__)


@require_GET
def search(request):
    form = SearchForm(request.GET)
    form.is_valid()  # a bad filter is shown beside it, and the search runs without it
    text = form.data["q"]
    try:
        outcome = search_site(text, **form.filter_values()) if text.strip() else None
    except SearchUnavailable:
        logger.exception("Search failed for %r", text[:200])
        return render(request, "search/search.html", {
            "form": form, "text": text, "unavailable": True,
        }, status=503)
    return render(request, "search/search.html", {
        "form": form,
        "text": text,
        "outcome": outcome,
        "page_obj": outcome.page if outcome else None,
        "tags": matching_tags(outcome.query) if outcome else [],
        "type_links": [
            {"label": label, "url": link_with(form, type=value),
             "current": form.data["type"] == value}
            for value, label in [("", "Everything"), *SEARCH_TYPES.items()]
        ],
        "without_tag": link_with(form, tag=""),
        "without_filters": link_with(form, tag="", scale="", type=""),
        "pagination_query": link_with(form)[1:],
    })


@require_GET
def suggest(request):
    return JsonResponse({"suggestions": suggest_titles(request.GET.get("q", ""))})


def link_with(form, **changes):
    """"?…" for the current search with ``changes`` ("" removes a key), back on page one."""
    query = QueryDict(mutable=True)
    for key, value in {**form.data, **changes, "page": ""}.items():
        if value:
            query[key] = value
    return "?" + query.urlencode()
