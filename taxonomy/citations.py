"""Which facts of an example are stated, which are cited, and the numbered references its page
shows. A fact is *unsourced* when the example states it (has a size, a place, ...) and no
citation supports it; ``unsourced()`` finds such examples in SQL so the list of facts to fix is
paginated like any other table.
"""

from dataclasses import dataclass, field

from django.db.models import Exists, OuterRef, Q

from .models import Citation, Example, Fact


def stated(fact):
    """Q: the example states ``fact``."""
    return {
        Fact.PLACE: ~Q(place="") | ~Q(country=""),
        Fact.DATES: Q(start_date__isnull=False) | Q(end_date__isnull=False),
        Fact.SIZE: Q(size__isnull=False),
        Fact.STATUS: Q(pk__isnull=False),  # every example has a status
        Fact.FACETS: Exists(Example.facet_values.through.objects.filter(example=OuterRef("pk"))),
        Fact.WEBSITE: ~Q(website=""),
    }[fact]


def cited(fact):
    return Exists(Citation.objects.filter(example=OuterRef("pk"), fact=fact))


def unsourced(queryset, fact=None):
    """Examples of ``queryset`` stating ``fact`` (any fact when None) without a citation for it."""
    facts = [fact] if fact else Fact.values
    condition = Q(pk__in=[])
    for name in facts:
        condition |= stated(name) & ~cited(name)
    return queryset.filter(condition)


def stated_facts(example, has_facets):
    """The facts ``example`` states, in Fact order (``has_facets`` is known by the caller)."""
    values = {
        Fact.PLACE: example.place or example.country,
        Fact.DATES: example.start_date or example.end_date,
        Fact.SIZE: example.size is not None,
        Fact.STATUS: True,
        Fact.FACETS: has_facets,
        Fact.WEBSITE: example.website,
    }
    return [fact for fact in Fact.values if values[fact]]


@dataclass
class References:
    """An example's citations numbered 1.. in Fact order, and the numbers citing each fact."""

    items: list = field(default_factory=list)
    by_fact: dict = field(default_factory=dict)
    unsourced: list = field(default_factory=list)

    def numbers(self, fact):
        return self.by_fact.get(fact, [])


def references(example, citations, has_facets):
    """``References`` from the example's ``citations`` (already fetched)."""
    rank = {fact: number for number, fact in enumerate(Fact.values)}
    refs = References()
    for number, citation in enumerate(
        sorted(citations, key=lambda c: (rank.get(c.fact, 99), c.order, c.pk)), start=1
    ):
        citation.number = number
        refs.items.append(citation)
        refs.by_fact.setdefault(citation.fact, []).append(number)
    refs.unsourced = [Fact(fact) for fact in stated_facts(example, has_facets)
                      if fact not in refs.by_fact]
    return refs
