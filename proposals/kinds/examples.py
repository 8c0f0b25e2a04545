"""Proposals about examples: add one, reclassify one, change one's facts."""

from django.core.exceptions import ValidationError
from django.utils.text import slugify

from taxonomy import editing
from taxonomy.models import Example, TaxonomyNode

from ..models import Kind
from ..preview import fact_rows
from .base import (
    EXAMPLE_FACTS,
    ProposalKind,
    as_json,
    as_python,
    changed_fields,
    example_by_id,
    example_fact,
    latest_change,
    retired_since,
)


class AddExample(ProposalKind):
    kind = Kind.ADD_EXAMPLE
    tree = False

    def payload(self, data):
        fields = {name: as_json(data.get(name)) for name in EXAMPLE_FACTS}
        fields["slug"] = data.get("slug") or slugify(data["name"])[:100].strip("-")
        for name in ("summary", "description", "website", "place", "country", "page_path"):
            fields[name] = fields[name] or ""
        if not data["nodes"]:
            raise ValidationError({"nodes": "Choose at least one category for the example."})
        same = Example.objects.filter(name__iexact=data["name"].strip()).first()
        if same:
            raise ValidationError({"name": f"There is already an example named “{same.name}”."})
        return {"fields": fields, "nodes": [n.pk for n in data["nodes"]]}

    def title(self, payload):
        nodes = TaxonomyNode.objects.filter(pk__in=payload["nodes"]).order_by("tree_id", "lft")
        names = ", ".join(n.name for n in nodes)
        return f"Add the example “{payload['fields']['name']}” to {names}"

    def subject(self, payload):
        first = TaxonomyNode.objects.filter(pk__in=payload["nodes"]).order_by("tree_id", "lft")
        return first.first(), None

    def touched_nodes(self, payload):
        return payload["nodes"]

    def conflict(self, payload):
        for node in TaxonomyNode.objects.filter(pk__in=payload["nodes"]):
            if node.is_retired:
                return retired_since(node)
        return ""

    def apply(self, payload, user, reason):
        fields = {k: as_python(k, v) for k, v in payload["fields"].items()}
        nodes = list(TaxonomyNode.objects.filter(pk__in=payload["nodes"]))
        if len(nodes) != len(payload["nodes"]):
            raise ValidationError("A category this proposal names no longer exists.")
        example = editing.save_example(Example(), user=user, reason=reason, nodes=nodes, **fields)
        return [latest_change(example)]

    def facts(self, payload):
        nodes = TaxonomyNode.objects.filter(pk__in=payload["nodes"]).order_by("tree_id", "lft")
        after = {**payload["fields"], "nodes": ", ".join(n.name for n in nodes)}
        return fact_rows({}, after)


class ReclassifyExample(ProposalKind):
    kind = Kind.RECLASSIFY_EXAMPLE
    tree = False

    def payload(self, data):
        example = data["example"]
        before = sorted(example.nodes.values_list("pk", flat=True))
        after = sorted(n.pk for n in data["nodes"])
        if before == after:
            raise ValidationError({"nodes": "These are the example's categories already: add or "
                                            "remove at least one."})
        if not after:
            raise ValidationError({"nodes": "Keep at least one category; to remove the example, "
                                            "ask an Editor to retire it."})
        return {"example": example.pk, "before": before, "after": after}

    def title(self, payload):
        return f"Reclassify “{example_by_id(payload['example']).name}”"

    def subject(self, payload):
        return None, Example.objects.filter(pk=payload["example"]).first()

    def touched_nodes(self, payload):
        return sorted(set(payload["before"]) | set(payload["after"]))

    def conflict(self, payload):
        example = example_by_id(payload["example"])
        if example.is_retired:
            return f"The example “{example.name}” has been retired since this proposal was made."
        if sorted(example.nodes.values_list("pk", flat=True)) != payload["before"]:
            return (f"The categories of “{example.name}” were changed since this proposal was "
                    "made, so it would overwrite that change.")
        return ""

    def apply(self, payload, user, reason):
        example = example_by_id(payload["example"])
        nodes = list(TaxonomyNode.objects.filter(pk__in=payload["after"]))
        editing.save_example(example, user=user, reason=reason, nodes=nodes)
        return [latest_change(example)]

    def facts(self, payload):
        names = dict(
            TaxonomyNode.objects.filter(pk__in=payload["before"] + payload["after"])
            .values_list("pk", "name")
        )
        before, after = set(payload["before"]), set(payload["after"])
        kept = sorted(before & after, key=lambda pk: names.get(pk, ""))
        rows = [{"label": "Classified under", "before": names.get(pk, "?"),
                 "after": names.get(pk, "?")} for pk in kept]
        rows += [{"label": "Removed from", "before": names.get(pk, "?"), "after": ""}
                 for pk in sorted(before - after)]
        rows += [{"label": "Added to", "before": "", "after": names.get(pk, "?")}
                 for pk in sorted(after - before)]
        return rows


class EditExample(ProposalKind):
    kind = Kind.EDIT_EXAMPLE
    tree = False

    def payload(self, data):
        example = data["example"]
        before = {name: as_json(example_fact(example, name)) for name in EXAMPLE_FACTS}
        after = {name: as_json(data.get(name)) for name in EXAMPLE_FACTS}
        for name in ("summary", "description", "website", "place", "country", "page_path"):
            after[name] = after[name] or ""
        changed = [name for name in EXAMPLE_FACTS if before[name] != after[name]]
        if not changed:
            raise ValidationError("This proposal changes nothing: edit at least one field.")
        return {
            "example": example.pk,
            "before": {name: before[name] for name in changed},
            "after": {name: after[name] for name in changed},
        }

    def title(self, payload):
        return f"Change the facts of “{example_by_id(payload['example']).name}”"

    def subject(self, payload):
        return None, Example.objects.filter(pk=payload["example"]).first()

    def touched_nodes(self, payload):
        return list(example_by_id(payload["example"]).nodes.values_list("pk", flat=True))

    def conflict(self, payload):
        example = example_by_id(payload["example"])
        if example.is_retired:
            return f"The example “{example.name}” has been retired since this proposal was made."
        changed = changed_fields(
            {name: example_fact(example, name) for name in payload["before"]}, payload["before"],
            {},
        )
        if changed:
            return (f"“{example.name}” was edited since this proposal was made (its {changed} "
                    "changed), so the proposed values would overwrite someone else's change.")
        return ""

    def apply(self, payload, user, reason):
        example = example_by_id(payload["example"])
        fields = {k: as_python(k, v) for k, v in payload["after"].items()}
        editing.save_example(example, user=user, reason=reason, **fields)
        return [latest_change(example)]

    def facts(self, payload):
        return fact_rows(payload["before"], payload["after"])
