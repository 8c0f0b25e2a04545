"""Where a wiki page sits in the taxonomy, for the wiki's page template.

A node or example links its wiki page by path; the page shows those links back, and each node's
discussion, so a page that describes a category has its talk page one click away. The wiki's
view knows nothing of the taxonomy: only its template loads this library.
"""

from django import template
from django.db.models import CharField, Count, IntegerField, Q, Value
from django.urls import reverse

from ..models import Example, TaxonomyNode

register = template.Library()


@register.inclusion_tag("taxonomy/includes/page_classifications.html")
def page_classifications(page_path):
    """One query (a UNION): the active nodes, with their visible thread counts, and the active
    examples whose linked wiki page is ``page_path``."""
    nodes = (
        TaxonomyNode.objects.active().filter(page_path=page_path)
        .annotate(entry_type=Value("node", output_field=CharField()),
                  thread_count=Count("threads", filter=Q(threads__hidden=False)))
        .values_list("entry_type", "pk", "name", "path", "thread_count")
        .order_by()  # compound statements refuse ordered parts; sorted below instead
    )
    examples = (
        Example.objects.active().filter(page_path=page_path)
        .annotate(entry_type=Value("example", output_field=CharField()),
                  thread_count=Value(0, output_field=IntegerField()))
        .values_list("entry_type", "pk", "name", "slug", "thread_count")
        .order_by()
    )
    entries = []
    for kind, pk, name, ref, threads in sorted(nodes.union(examples),
                                               key=lambda row: (row[0] != "node", row[2])):
        if kind == "node":
            entries.append({
                "kind": kind, "name": name, "threads": threads,
                "url": reverse("taxonomy:node", args=[ref]) if ref else reverse("taxonomy:index"),
                "forum_url": reverse("forum:node", kwargs={"pk": pk}),
            })
        else:
            entries.append({"kind": kind, "name": name,
                            "url": reverse("taxonomy:example", args=[ref])})
    return {"entries": entries}
