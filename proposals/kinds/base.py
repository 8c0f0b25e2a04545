"""The common ground of the kinds of proposal: the facts each may change, value conversion
between forms, JSON and models, and the base class every kind implements."""

from datetime import date

from django.core.exceptions import ValidationError

from taxonomy.models import Example, TaxonomyNode

NODE_FACTS = ["name", "summary", "description", "size_min", "size_max", "permanence"]
EXAMPLE_FACTS = [
    "name", "summary", "description", "website", "place", "start_date", "end_date", "size",
    "status", "page_path",
]


def as_json(value):
    return value.isoformat() if isinstance(value, date) else value


def as_python(name, value):
    if name in ("start_date", "end_date") and value:
        return date.fromisoformat(value)
    return value


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
