"""Searching the site: run a query on the configured backend and turn its hits into results
people may see, with a bounded number of SQL queries whatever the number of results.

Hits are checked against the database: objects are fetched from their model's
``search_queryset()`` (one query per model), so an index that lags behind the database can
never show something unpublished, deleted or hidden.
"""

from collections import defaultdict
from dataclasses import dataclass

from django.core.paginator import Page, Paginator

from . import registry
from .backends import get_backend
from .index import SearchField, indexed_model, indexed_models
from .query import parse_query
from .snippets import render_snippet

RESULTS_PER_PAGE = 20
SUGGESTIONS = 8


@dataclass
class Result:
    object: object
    title: str
    url: str
    search_type: str
    kind: str  # "page", "example", "post", ...
    snippet: str  # safe HTML
    extra_template: str = ""  # the type's result_template (search.registry)


@dataclass
class Outcome:
    query: object  # search.query.Query
    page: Page | None  # results in page.object_list; None when there was nothing to search
    messages: list


def search_site(text, *, search_type="", filters=None, page_number=1):
    """Search everything searchable; ``page`` holds Results, ``messages`` what was ignored.

    ``filters`` maps a registered filter's ``param`` to the value results must have."""
    query = parse_query(text)
    if not query:
        return Outcome(query, None, query.messages)
    filters = [
        f"{registry.get_filter(param).field}={value}"
        for param, value in (filters or {}).items() if value and registry.get_filter(param)
    ]
    types = [search_type] if search_type else []

    def fetch(number):
        offset = (number - 1) * RESULTS_PER_PAGE
        return get_backend().search(
            query, types=types, filters=filters, offset=offset, limit=RESULTS_PER_PAGE
        )

    number = max(page_number, 1)
    found = fetch(number)
    paginator = Paginator(range(found.total), RESULTS_PER_PAGE)
    if number > paginator.num_pages:
        number = paginator.num_pages
        found = fetch(number)
    return Outcome(query, Page(results_for(found.hits), number, paginator), query.messages)


def results_for(hits):
    """Results for backend hits, in hit order: one query per model, none per result."""
    pks_by_model = defaultdict(list)
    for hit in hits:
        pks_by_model[hit.model].append(hit.pk)
    objects = {}
    for label, pks in pks_by_model.items():
        model = indexed_model(label)
        if model is None:
            continue
        for obj in model.search_queryset().filter(pk__in=pks):
            objects[(label, str(obj.pk))] = obj
    results = []
    for hit in hits:
        obj = objects.get((hit.model, hit.pk))
        if obj is None:
            continue  # no longer searchable; the outbox will remove it from the index
        results.append(Result(
            object=obj, title=obj.search_title(), url=obj.get_absolute_url(),
            search_type=obj.search_type, kind=obj._meta.verbose_name,
            snippet=render_snippet(hit.snippet),
            extra_template=registry.get_type(obj.search_type).result_template,
        ))
    return results


def suggest_titles(text, limit=SUGGESTIONS):
    """Page and taxonomy titles containing ``text``, for the header's search box."""
    text = text.replace("\x00", "").strip()[:100]
    if len(text) < 2:
        return []
    suggestible = {t.name for t in registry.types() if t.suggest}
    suggestions = []
    for model in indexed_models():
        if model.search_type not in suggestible or len(suggestions) >= limit:
            continue
        field = title_field(model)
        rows = model.search_queryset().filter(**{f"{field}__icontains": text})
        for obj in rows.order_by(field)[: limit - len(suggestions)]:
            suggestions.append({
                "title": obj.search_title(), "url": obj.get_absolute_url(),
                "type": model.search_type,
            })
    return suggestions


def title_field(model):
    """The model's most boosted search field (its title or name)."""
    fields = [f for f in model.search_fields if isinstance(f, SearchField)]
    return max(fields, key=lambda f: f.boost).name
