"""The common ground of the kinds of proposal: the facts each may change, value conversion
between forms, JSON and models, and the base class every kind implements."""

from datetime import date
from decimal import Decimal

from django.core.exceptions import ValidationError

from taxonomy.models import Example, FacetValue, TaxonomyNode

NODE_FACTS = ["name", "summary", "description", "size_min", "size_max", "permanence"]
EXAMPLE_FACTS = [
    "name", "summary", "description", "website", "place", "country", "latitude", "longitude",
    "start_date", "end_date", "size", "status", "page_path", "facet_values",
]


def as_json(value):
    """A form's or a model's value as a payload stores it: dates as ISO text, coordinates as
    numbers, facet values (a list, queryset or related manager) as sorted ids."""
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return float(value)
    if hasattr(value, "all") and not isinstance(value, (list, tuple)):
        value = value.all()
    if hasattr(value, "model") or (isinstance(value, (list, tuple)) and value
                                   and hasattr(value[0], "pk")):
        return sorted(item.pk for item in value)
    return value


def as_python(name, value):
    if name in ("start_date", "end_date") and value:
        return date.fromisoformat(value)
    if name == "facet_values":
        return list(FacetValue.objects.filter(pk__in=value or []))
    return value


def example_fact(example, name):
    """An example's fact as a form's initial value."""
    if name == "facet_values":
        return list(example.facet_values.all()) if example.pk else []
    return getattr(example, name)


def node_by_id(pk):
    node = TaxonomyNode.objects.filter(pk=pk).first()
    if node is None:
        raise ValidationError("A category this proposal names no longer exists.")
    return node


def example_by_id(pk):
    example = Example.objects.filter(pk=pk).first()
    if example is None:
        raise ValidationError("The example this proposal names no longer exists.")
    return example


def latest_change(target):
    return target.changes.order_by("-pk").first()


class ProposalKind:
    """``payload(data)`` from a form's cleaned data; ``apply(payload, user, reason)`` returns
    the taxonomy Changes it made; ``conflict(payload)`` says why it no longer applies ("" when
    it does). ``subject(payload)`` is the (node, example) the proposal is about."""

    kind = None
    tree = True  # drawn as a tree before and after; otherwise a field-by-field diff

    def title(self, payload):
        raise NotImplementedError

    def subject(self, payload):
        return None, None

    def touched_nodes(self, payload):
        """Ids of the nodes whose pages list the proposal while it is open."""
        node, _ = self.subject(payload)
        return [node.pk] if node else []

    def conflict(self, payload):
        return ""

    def facts(self, payload):
        return []


def retired_since(node, what="category"):
    if node.is_retired:
        return f"The {what} “{node.name}” has been retired since this proposal was made."
    return ""


def changed_fields(current, before, labels):
    """The fields whose current value is no longer the one the proposal was made against."""
    changed = [name for name, value in before.items() if as_json(current.get(name)) != value]
    return ", ".join(labels.get(name, name.replace("_", " ")) for name in changed)
