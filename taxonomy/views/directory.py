"""The examples as a dataset: the directory (/examples/) with its filters, sorting and pages,
side-by-side comparison, the list of facts still needing a source, spreadsheet export of any
filtered table, and the gazetteer's place suggestions for the edit form."""

from urllib.parse import urlencode

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse, JsonResponse
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_GET

from .. import conf, gazetteer, spreadsheets
from ..citations import references, unsourced
from ..directory import SORT_LABELS, DirectoryFilter, compare, listing
from ..models import Example, Fact
from ..permissions import can_edit

COMPARE_MIN, COMPARE_MAX = 2, 5
# Filters under "More filters" (the others are always shown): open it when one is in use.
MORE_FILTERS = ("scale", "status", "facet", "active_from", "active_to", "size_min", "size_max",
                "sources")


def _query(params, **changes):
    """``params`` (a QueryDict) as a query string, with ``changes`` set (None removes)."""
    params = params.copy()
    for name, value in changes.items():
        params.pop(name, None)
        if value is not None:
            params[name] = value
    return urlencode(sorted(params.lists()), doseq=True)


def _sort_columns(params, current):
    """For each sortable column: the link that sorts by it (reversing when it is the current
    sort) and its aria-sort state."""
    columns = {}
    for key, label in SORT_LABELS.items():
        state = ("ascending" if current == key else "descending" if current == f"-{key}"
                 else "none")
        wanted = f"-{key}" if current == key else key
        columns[key] = {"label": label, "state": state,
                        "url": "?" + _query(params, sort=wanted, page=None)}
    return columns


def _active_filters(form, params):
    """[(label, url without it)] for each filter value in use: chips that remove one filter."""
    chips = []
    labels = {name: dict(_flat(field.choices)) for name, field in form.fields.items()
              if hasattr(field, "choices")}
    for name, value in form.values.items():
        if name == "sort" or value in (None, "", []):
            continue
        label = form.fields[name].label or name.capitalize()
        for item in value if isinstance(value, list) else [value]:
            shown = labels.get(name, {}).get(item, item)
            remaining = params.copy()
            remaining.setlist(name, [v for v in params.getlist(name) if v != str(item)])
            remaining.pop("page", None)
            text = f"{label}: {str(shown).strip()}" if name != "q" else f"“{shown}”"
            chips.append((text, "?" + urlencode(sorted(remaining.lists()), doseq=True)))
    return chips


def _flat(choices):
    for key, label in choices:
        if isinstance(label, (list, tuple)):
            yield from label
        else:
            yield key, label


@require_GET
def index(request):
    """/examples/: the filtered, sorted, paginated table; a fixed number of queries whatever
    the number of examples."""
    form = DirectoryFilter(request.GET)
    page_obj = Paginator(form.examples(), conf.page_size()).get_page(request.GET.get("page"))
    rows = list(listing(page_obj.object_list))
    return render(request, "taxonomy/directory.html", {
        "form": form,
        "page_obj": page_obj,
        "rows": rows,
        "columns": _sort_columns(request.GET, form.sort_key),
        "chips": _active_filters(form, request.GET),
        "sort_label": dict(form.fields["sort"].choices).get(form.sort_key, "name").lower(),
        "more_open": any(form.values.get(name) not in (None, "", []) for name in MORE_FILTERS),
        "pagination_query": _query(request.GET, page=None),
        "export_query": _query(request.GET, page=None),
        "can_edit": can_edit(request.user),
        "license_name": conf.license_name(),
        "license_url": conf.license_url(),
    })


@require_GET
def export(request, file_format):
    """The directory's filtered table (every page) as CSV, XLSX or ODS."""
    if file_format not in spreadsheets.FORMATS:
        raise Http404("Export as csv, xlsx or ods.")
    form = DirectoryFilter(request.GET)
    body, content_type, extension = spreadsheets.export(form.examples(), file_format, request)
    response = HttpResponse(body, content_type=content_type)
    name = f"network-society-examples-{timezone.now():%Y-%m-%d}.{extension}"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    response["Cache-Control"] = "private, no-store"
    return response


@require_GET
def compare_view(request):
    """2–5 examples side by side (``?e=slug&e=slug``), rows that differ highlighted."""
    slugs = list(dict.fromkeys(s for s in request.GET.getlist("e") if s))[:COMPARE_MAX + 1]
    found = {e.slug: e for e in listing(Example.objects.active().filter(slug__in=slugs))}
    examples = [found[slug] for slug in slugs if slug in found]
    problem = ""
    if len(slugs) > COMPARE_MAX:
        problem = f"Compare at most {COMPARE_MAX} examples at once."
        examples = examples[:COMPARE_MAX]
    elif len(examples) < COMPARE_MIN:
        problem = (f"Choose {COMPARE_MIN} to {COMPARE_MAX} examples in the directory to "
                   "compare them.")
    return render(request, "taxonomy/compare.html", {
        "examples": examples,
        "rows": compare(examples) if len(examples) >= COMPARE_MIN else [],
        "problem": problem,
    })


@require_GET
def unsourced_view(request):
    """Facts examples state without a source, so people can find and fix them."""
    fact = request.GET.get("fact", "")
    fact = fact if fact in Fact.values else ""
    examples = unsourced(Example.objects.active(), fact or None).order_by("name", "pk")
    page_obj = Paginator(examples, conf.page_size()).get_page(request.GET.get("page"))
    rows = []
    for example in listing(page_obj.object_list, citations=True):
        refs = references(example, example.citations.all(),
                          has_facets=bool(example.facet_values.all()))
        missing = [f for f in refs.unsourced if not fact or f == fact]
        rows.append((example, [Fact(f) for f in missing]))
    return render(request, "taxonomy/unsourced.html", {
        "rows": rows,
        "page_obj": page_obj,
        "facts": Fact.choices,
        "fact": fact,
        "pagination_query": _query(request.GET, page=None),
        "can_edit": can_edit(request.user),
    })


@login_required
@require_GET
def places(request):
    """City suggestions for the example form's place field, from the offline gazetteer."""
    results = gazetteer.suggest_cities(request.GET.get("q", "")[:80], limit=8)
    response = JsonResponse({"results": results})
    response["Cache-Control"] = "private, max-age=3600"
    return response
