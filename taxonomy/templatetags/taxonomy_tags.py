"""Template helpers for the taxonomy: show a recorded value, a node's diagram, a size range."""

from django import template
from django.utils.text import Truncator

from ..diagram import build
from ..models import size_label

register = template.Library()

FIELD_LABELS = {
    "size_min": "smallest size",
    "size_max": "largest size",
    "page_path": "wiki page",
    "nodes": "classified under",
    "start_date": "start",
    "end_date": "end",
    "facet_values": "facets",
    "defining_values": "defining facet values",
    "citations": "sources",
}


@register.filter
def field_label(name):
    return FIELD_LABELS.get(name, name.replace("_", " "))


@register.filter
def change_value(value):
    """A value as stored in Change.changes, for people: node refs by name, lists joined."""
    if value is None or value == "" or value == []:
        return "—"
    if isinstance(value, dict) and "url" in value:  # a citation
        return f"{value.get('fact')}: {value.get('title') or value['url']}"
    if isinstance(value, dict):
        return value.get("path") or value.get("name") or "(root)"
    if isinstance(value, list):
        return ", ".join(change_value(item) for item in value)
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, int):
        return f"{value:,}"
    return Truncator(str(value)).chars(160)


@register.filter
def get_item(mapping, key):
    """``mapping[key]`` in a template (None when missing)."""
    return mapping.get(key) if mapping else None


@register.simple_tag
def people(low, high):
    return size_label(low, high)


@register.inclusion_tag("taxonomy/includes/diagram.html")
def taxonomy_diagram(nodes, title="Network societies by size"):
    """Draw the diagram for nodes already fetched in tree order, or for the scales returned by
    ``TaxonomyNode.objects.scales_with_categories()``; it makes no query of its own."""
    flat = []
    for node in nodes:
        flat.append(node)
        flat.extend(getattr(node, "categories", ()))
    return {"diagram": build(flat), "title": title}
