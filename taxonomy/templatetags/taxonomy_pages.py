"""Where a wiki page sits in the taxonomy, for the wiki's page template.

A node or example names its article by path; a page that is a live category's or example's
article redirects to the concept page, so in practice this shows the link back on the one page
that stays a page: the founding page, which is the root's.
"""

from django import template
from django.db.models import CharField, Value
from django.urls import reverse

from ..models import Example, TaxonomyNode

register = template.Library()


@register.inclusion_tag("taxonomy/includes/page_classifications.html")
def page_classifications(page_path):
    """One query (a UNION): the active nodes and examples whose article is ``page_path``."""
    nodes = (
        TaxonomyNode.objects.active().filter(page_path=page_path)
        .annotate(entry_type=Value("node", output_field=CharField()))
        .values_list("entry_type", "name", "path")
        .order_by()  # compound statements refuse ordered parts; sorted below instead
    )
    examples = (
        Example.objects.active().filter(page_path=page_path)
        .annotate(entry_type=Value("example", output_field=CharField()))
        .values_list("entry_type", "name", "slug")
        .order_by()
    )
    entries = []
    rows = sorted(nodes.union(examples), key=lambda row: (row[0] != "node", row[1]))
    for kind, name, ref in rows:
        if kind == "node":
            url = reverse("taxonomy:node", args=[ref]) if ref else reverse("taxonomy:index")
        else:
            url = reverse("taxonomy:example", args=[ref])
        entries.append({"kind": kind, "name": name, "url": url})
    return {"entries": entries}
