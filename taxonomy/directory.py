"""The examples directory's filters and sorting, in one place for every reader of the dataset:
the /examples/ table, its spreadsheet export, and the pictures and API that show the same rows.

``DirectoryFilter(request.GET)`` reads the query parameters (all optional, all repeatable where
it makes sense, so any filtered view is a URL):

- ``q``: words in the name, summary or place;
- ``category``: a node path ("small/pop-up-villages"), the node and all its descendants;
- ``scale``: a scale slug ("small");
- ``status``: "active", "past", "planned";
- ``facet``: "facet-slug:value-slug"; values of one facet are alternatives (OR), different
  facets must all match (AND);
- ``country``: an ISO 3166-1 alpha-2 code;
- ``active_from`` / ``active_to``: years; the example was going on at some time in between;
- ``size_min`` / ``size_max``: people;
- ``sources``: "yes" (some fact is cited) or "no" (nothing cited);
- ``sort``: a key of ``SORTS``, "-" in front for descending.

Invalid parameters are form errors and are ignored by the filter, so a hand-edited URL never
fails. ``form.examples()`` is the filtered, ordered queryset (not evaluated); ``listing()``
adds what a table shows in a fixed number of queries.
"""

from dataclasses import dataclass
from datetime import date

from django import forms
from django.db.models import Count, Exists, F, OuterRef, Prefetch, Q, Subquery
from django.db.models.functions import Coalesce

from . import gazetteer
from .models import Citation, Example, FacetValue, Kind, Status, TaxonomyNode

# sort key -> model fields (nulls last either way; name and pk break ties)
SORTS = {
    "name": ("name",),
    "country": ("country", "place"),
    "start": ("start_date",),
    "end": ("end_date",),
    "size": ("size",),
    "status": ("status",),
}
SORT_LABELS = {
    "name": "Name",
    "country": "Place",
    "start": "Start",
    "end": "End",
    "size": "Size",
    "status": "Status",
}
YEAR_MIN, YEAR_MAX = 1800, 2200


def _sort_choices():
    choices = []
    for key, label in SORT_LABELS.items():
        choices += [(key, label), (f"-{key}", f"{label}, descending")]
    return choices


class ChoiceOrChoices(forms.Select):
    """A single select for a filter that takes several values from the URL (``?country=TH&
    country=PT``): the form offers one, a link may carry more."""

    def value_from_datadict(self, data, files, name):
        return [value for value in data.getlist(name) if value] if hasattr(data, "getlist") \
            else [v for v in [data.get(name)] if v]


class DirectoryFilter(forms.Form):
    q = forms.CharField(required=False, max_length=100, label="Name, summary or place")
    category = forms.MultipleChoiceField(
        required=False, label="Category", help_text="With its subcategories.",
        widget=ChoiceOrChoices,
    )
    scale = forms.MultipleChoiceField(required=False, label="Scale", widget=ChoiceOrChoices)
    status = forms.MultipleChoiceField(
        required=False, choices=Status.choices, widget=forms.CheckboxSelectMultiple
    )
    facet = forms.MultipleChoiceField(
        required=False, label="Facets", widget=forms.CheckboxSelectMultiple
    )
    country = forms.MultipleChoiceField(required=False, label="Country", widget=ChoiceOrChoices)
    active_from = forms.IntegerField(
        required=False, min_value=YEAR_MIN, max_value=YEAR_MAX, label="Active from (year)"
    )
    active_to = forms.IntegerField(
        required=False, min_value=YEAR_MIN, max_value=YEAR_MAX, label="Active until (year)"
    )
    size_min = forms.IntegerField(required=False, min_value=0, label="Size at least")
    size_max = forms.IntegerField(required=False, min_value=0, label="Size at most")
    sources = forms.ChoiceField(
        required=False,
        label="Sources",
        choices=[("", "Any"), ("yes", "Has sources"), ("no", "No sources yet")],
    )
    sort = forms.ChoiceField(required=False, choices=_sort_choices)

    def __init__(self, data=None, **kwargs):
        super().__init__(data if data is not None else {}, **kwargs)
        nodes = list(
            TaxonomyNode.objects.active()
            .filter(level__gte=1)
            .order_by("tree_id", "lft")
            .values_list("path", "name", "kind", "level")
        )
        any_choice = [("", "Any")]
        self.fields["category"].choices = any_choice + [
            (path, "\u2003" * (level - 1) + name) for path, name, kind, level in nodes
        ]
        self.fields["scale"].choices = any_choice + [
            (path, name) for path, name, kind, level in nodes if kind == Kind.SCALE
        ]
        values = FacetValue.objects.filter(
            retired_at__isnull=True, facet__retired_at__isnull=True
        ).select_related("facet")
        self.facet_groups = {}
        for value in values:
            self.facet_groups.setdefault(value.facet, []).append(value)
        self.fields["facet"].choices = [
            (facet.name, [(value.key, value.name) for value in group])
            for facet, group in self.facet_groups.items()
        ]
        self.fields["country"].choices = any_choice + gazetteer.country_choices()

    def clean(self):
        data = super().clean()
        low, high = data.get("size_min"), data.get("size_max")
        if low is not None and high is not None and low > high:
            self.add_error("size_max", "The largest size is smaller than the smallest.")
        first, last = data.get("active_from"), data.get("active_to")
        if first is not None and last is not None and first > last:
            self.add_error("active_to", "The last year is before the first.")
        return data

    @property
    def values(self):
        """The valid filters (invalid ones dropped), for building the queryset."""
        self.is_valid()  # fills cleaned_data and errors; never raises
        return {name: self.cleaned_data.get(name) for name in self.fields
                if name not in self.errors}

    @property
    def sort_key(self):
        """The valid ``sort`` parameter, "name" by default."""
        return self.values.get("sort") or "name"

    def examples(self, queryset=None):
        """The active examples matching the valid filters, in the chosen order."""
        queryset = Example.objects.active() if queryset is None else queryset
        return order(filter_examples(queryset, self.values), self.sort_key)

    def is_filtered(self):
        return any(value not in (None, "", []) for name, value in self.values.items()
                   if name != "sort")


def _classified(**lookups):
    """Exists: the example is classified under an active node matching ``lookups``."""
    through = Example.nodes.through.objects.filter(
        example=OuterRef("pk"), taxonomynode__retired_at__isnull=True, **lookups
    )
    return Exists(through)


def filter_examples(queryset, values):
    """``queryset`` narrowed by the cleaned filter ``values`` (DirectoryFilter's fields); each
    filter is an EXISTS or a column test, so rows are never duplicated."""
    if values.get("q"):
        text = values["q"]
        queryset = queryset.filter(
            Q(name__icontains=text) | Q(summary__icontains=text) | Q(place__icontains=text)
        )
    if values.get("category"):
        nodes = TaxonomyNode.objects.filter(path__in=values["category"]).values(
            "tree_id", "lft", "rght"
        )
        match = Q(pk__in=[])
        for node in nodes:
            match |= _classified(
                taxonomynode__tree_id=node["tree_id"],
                taxonomynode__lft__gte=node["lft"],
                taxonomynode__lft__lte=node["rght"],
            )
        queryset = queryset.filter(match)
    if values.get("scale"):
        match = Q(pk__in=[])
        for scale in values["scale"]:
            match |= _classified(taxonomynode__path=scale) | _classified(
                taxonomynode__path__startswith=scale + "/"
            )
        queryset = queryset.filter(match)
    if values.get("status"):
        queryset = queryset.filter(status__in=values["status"])
    by_facet = {}
    for key in values.get("facet") or []:
        facet, _, value = key.partition(":")
        by_facet.setdefault(facet, []).append(value)
    for facet, slugs in by_facet.items():
        queryset = queryset.filter(
            Exists(
                Example.facet_values.through.objects.filter(
                    example=OuterRef("pk"),
                    facetvalue__facet__slug=facet,
                    facetvalue__slug__in=slugs,
                )
            )
        )
    if values.get("country"):
        queryset = queryset.filter(country__in=values["country"])
    queryset = _active_between(queryset, values.get("active_from"), values.get("active_to"))
    if values.get("size_min") is not None:
        queryset = queryset.filter(size__gte=values["size_min"])
    if values.get("size_max") is not None:
        queryset = queryset.filter(size__lte=values["size_max"])
    if values.get("sources") in ("yes", "no"):
        cited = Exists(Citation.objects.filter(example=OuterRef("pk")))
        queryset = queryset.filter(cited if values["sources"] == "yes" else ~cited)
    return queryset


def _active_between(queryset, first, last):
    """Examples going on at some time in the years ``first``..``last`` (either may be None).

    An example needs a start date to be placed in time. Without an end date it is still going
    unless its status is "past", in which case only its start year counts."""
    if first is None and last is None:
        return queryset
    queryset = queryset.filter(start_date__isnull=False)
    if last is not None:
        queryset = queryset.filter(start_date__lte=date(last, 12, 31))
    if first is not None:
        begin = date(first, 1, 1)
        queryset = queryset.filter(
            Q(end_date__gte=begin)
            | Q(end_date__isnull=True, start_date__gte=begin)
            | (Q(end_date__isnull=True) & ~Q(status=Status.PAST))
        )
    return queryset


def order(queryset, sort):
    """``queryset`` ordered by a ``SORTS`` key ("-size" for largest first), nulls and blanks
    last, ties by name."""
    descending = sort.startswith("-")
    fields = SORTS.get(sort.lstrip("-"), SORTS["name"])
    terms = []
    for field in fields:
        expression = F(field)
        terms.append(expression.desc(nulls_last=True) if descending
                     else expression.asc(nulls_last=True))
    if fields != ("name",):
        terms.append(F("name").asc())
    return queryset.order_by(*terms, "pk")


def listing(queryset, citations=False):
    """What a table row shows, for any page of ``queryset``: its active categories (one query)
    and its facet values (one query), and a count of its citations (a subquery in the main
    query); with ``citations``, the citations themselves (one more query)."""
    nodes = TaxonomyNode.objects.filter(retired_at__isnull=True).order_by("tree_id", "lft")
    values = FacetValue.objects.filter(retired_at__isnull=True).select_related("facet")
    count = (
        Citation.objects.filter(example=OuterRef("pk")).order_by().values("example")
        .annotate(n=Count("pk")).values("n")
    )
    related = [Prefetch("nodes", queryset=nodes), Prefetch("facet_values", queryset=values)]
    if citations:
        related.append("citations")
    return queryset.annotate(
        citation_count=Coalesce(Subquery(count), 0)
    ).prefetch_related(*related)


@dataclass
class ComparedRow:
    label: str
    cells: list
    differs: bool


def compare(examples):
    """Rows of facts for examples side by side (each from ``listing``): [ComparedRow], a row
    ``differs`` when its cells are not all the same."""
    def row(label, cells):
        return ComparedRow(label, cells, len(set(cells)) > 1)

    def dates(example):
        start = example.start_date.isoformat() if example.start_date else "?"
        end = example.end_date.isoformat() if example.end_date else ""
        return f"{start} – {end}" if example.start_date or example.end_date else ""

    rows = [
        row("Categories", [", ".join(n.name for n in e.nodes.all()) for e in examples]),
        row("Status", [e.get_status_display() for e in examples]),
        row("Place", [e.place for e in examples]),
        row("Country", [e.country_name for e in examples]),
        row("Dates", [dates(e) for e in examples]),
        row("Size", [f"{e.size:,} people" if e.size is not None else "" for e in examples]),
    ]
    facets = {}
    for example in examples:
        for value in example.facet_values.all():
            facets.setdefault(value.facet, None)
    for facet in sorted(facets, key=lambda f: (f.order, f.name)):
        rows.append(row(facet.name, [
            ", ".join(v.name for v in e.facet_values.all() if v.facet_id == facet.pk)
            for e in examples
        ]))
    rows.append(row("Website", [e.website for e in examples]))
    rows.append(row("Sources", [str(e.citation_count) for e in examples]))
    return rows
