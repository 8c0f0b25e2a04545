"""/search/: ranked results with snippets and filters, and title suggestions for the header."""

import logging

from django.http import JsonResponse, QueryDict
from django.shortcuts import render
from django.views.decorators.http import require_GET

from network_societies.personalcache import personal_page

from . import registry
from .backends import SearchUnavailable
from .forms import SearchForm, type_choices
from .results import about, search_site, suggest_titles

logger = logging.getLogger(__name__)


@personal_page
@require_GET
def search(request):
    form = SearchForm(request.GET)
    form.is_valid()  # a bad filter is shown beside it, and the search runs without it
    text = form.data["q"]
    filters = registry.filters()
    filter_fields = [
        {"filter": f, "field": form[f.param], "value": form.data[f.param],
         "without": link_with(form, **{f.param: ""})}
        for f in filters
    ]
    try:
        outcome = search_site(text, **form.filter_values()) if text.strip() else None
    except SearchUnavailable:
        logger.exception("Search failed for %r", text[:200])
        return render(request, "search/search.html", {
            "form": form, "text": text, "filter_fields": filter_fields, "unavailable": True,
        }, status=503)
    return render(request, "search/search.html", {
        "form": form,
        "text": text,
        "outcome": outcome,
        "page_obj": outcome.page if outcome else None,
        "count": (about(outcome.count) if outcome.estimated else outcome.count) if outcome else 0,
        "correction_url": link_with(form, q=outcome.correction) if outcome and outcome.correction
        else "",
        "filter_fields": filter_fields,
        "offers": [
            {"filter": f, "values": values}
            for f in filters if outcome and f.matching
            for values in [f.matching(outcome.query)] if values
        ],
        "type_links": [
            {"label": label, "url": link_with(form, type=value),
             "current": form.data["type"] == value}
            for value, label in type_choices()
        ],
        "without_filters": link_with(form, type="", **{f.param: "" for f in filters}),
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
