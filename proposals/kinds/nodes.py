"""Proposals that change the tree: add a category, rename or re-describe one, move, merge or
retire one."""

from django.core.exceptions import ValidationError
from django.utils.text import slugify

from search.outbox import enqueue
from taxonomy import editing
from taxonomy.models import NodeRedirect, TaxonomyNode

from ..models import Kind
from ..preview import fact_rows
from .base import (
    NODE_FACTS,
    ProposalKind,
    as_json,
    changed_fields,
    latest_change,
    node_by_id,
    retired_since,
)


class AddCategory(ProposalKind):
    kind = Kind.ADD_CATEGORY

    def payload(self, data):
        fields = {name: data.get(name) for name in NODE_FACTS}
        fields["slug"] = data.get("slug") or slugify(data["name"])[:80].strip("-")
        fields["description"] = fields["description"] or ""
        fields["summary"] = fields["summary"] or ""
        fields["permanence"] = fields["permanence"] or ""
        parent = data["parent"]
        same_name = parent.children.filter(name__iexact=data["name"].strip()).first()
        if same_name:
            raise ValidationError({"name": f"“{parent.name}” already has a category named "
                                           f"“{same_name.name}”."})
        return {"parent": parent.pk, "fields": fields}

    def title(self, payload):
        parent = node_by_id(payload["parent"])
        return f"Add “{payload['fields']['name']}” under {parent.name}"

    def subject(self, payload):
        return TaxonomyNode.objects.filter(pk=payload["parent"]).first(), None

    def conflict(self, payload):
        return retired_since(node_by_id(payload["parent"]), "parent category")

    def apply(self, payload, user, reason):
        node = editing.create_node(
            user=user, parent=node_by_id(payload["parent"]), reason=reason, **payload["fields"]
        )
        return [latest_change(node)]

    def facts(self, payload):
        return fact_rows({}, payload["fields"])


class EditNode(ProposalKind):
    kind = Kind.EDIT_NODE

    def payload(self, data):
        node = data["node"]
        before = {name: as_json(getattr(node, name)) for name in NODE_FACTS}
        after = {name: data.get(name) if data.get(name) is not None else "" for name in NODE_FACTS}
        for name in ("size_min", "size_max"):
            after[name] = data.get(name)
        changed = [name for name in NODE_FACTS if before[name] != after[name]]
        if not changed:
            raise ValidationError("This proposal changes nothing: edit at least one field.")
        return {
            "node": node.pk,
            "before": {name: before[name] for name in changed},
            "after": {name: after[name] for name in changed},
        }

    def title(self, payload):
        node = node_by_id(payload["node"])
        if "name" in payload["after"]:
            return f"Rename “{node.name}” to “{payload['after']['name']}”"
        return f"Re-describe “{node.name}”"

    def subject(self, payload):
        return TaxonomyNode.objects.filter(pk=payload["node"]).first(), None

    def conflict(self, payload):
        node = node_by_id(payload["node"])
        changed = changed_fields(
            {name: getattr(node, name) for name in payload["before"]}, payload["before"],
            {"size_min": "smallest size", "size_max": "largest size"},
        )
        if changed:
            return (f"“{node.name}” was edited since this proposal was made (its {changed} "
                    "changed), so the proposed values would overwrite someone else's change.")
        return retired_since(node)

    def apply(self, payload, user, reason):
        change = editing.update_node(
            node_by_id(payload["node"]), user=user, reason=reason, **payload["after"]
        )
        return [change]

    def facts(self, payload):
        return fact_rows(payload["before"], payload["after"])


class MoveNode(ProposalKind):
    kind = Kind.MOVE_NODE

    def payload(self, data):
        node, parent = data["node"], data["parent"]
        if node.parent_id == parent.pk:
            raise ValidationError({"parent": f"“{node.name}” is already under {parent.name}."})
        return {"node": node.pk, "from": node.parent_id, "to": parent.pk}

    def title(self, payload):
        return f"Move “{node_by_id(payload['node']).name}” under {node_by_id(payload['to']).name}"

    def subject(self, payload):
        return TaxonomyNode.objects.filter(pk=payload["node"]).first(), None

    def touched_nodes(self, payload):
        return [payload["node"], payload["from"], payload["to"]]

    def conflict(self, payload):
        node, target = node_by_id(payload["node"]), node_by_id(payload["to"])
        if node.parent_id != payload["from"]:
            where = node.parent.name if node.parent else "the top"
            return (f"“{node.name}” was moved to {where} since this proposal was made, so moving "
                    "it again would undo that move without anyone voting on it.")
        return retired_since(node) or retired_since(target, "new parent")

    def apply(self, payload, user, reason):
        node = node_by_id(payload["node"])
        parent = node_by_id(payload["to"])
        return [editing.update_node(node, user=user, reason=reason, parent=parent)]


class MergeNode(ProposalKind):
    kind = Kind.MERGE_NODE

    def payload(self, data):
        node, target = data["node"], data["into"]
        if node.pk == target.pk:
            raise ValidationError({"into": "Choose another category to merge into."})
        if target.is_descendant_of(node):
            raise ValidationError({"into": f"“{target.name}” is inside “{node.name}”; merge it "
                                           "the other way round or choose another category."})
        if node.parent_id is None or node.level < 2:
            raise ValidationError("Only categories can be merged, not the root or a scale.")
        return {"node": node.pk, "into": target.pk}

    def title(self, payload):
        return f"Merge “{node_by_id(payload['node']).name}” into {node_by_id(payload['into']).name}"

    def subject(self, payload):
        return TaxonomyNode.objects.filter(pk=payload["node"]).first(), None

    def touched_nodes(self, payload):
        return [payload["node"], payload["into"]]

    def conflict(self, payload):
        node, target = node_by_id(payload["node"]), node_by_id(payload["into"])
        return retired_since(node) or retired_since(target, "category to merge into")

    def apply(self, payload, user, reason):
        from forum.models import Thread

        source, target = node_by_id(payload["node"]), node_by_id(payload["into"])
        changes = []
        for child in source.get_children().active():
            changes.append(editing.update_node(child, user=user, reason=reason, parent=target))
        for example in source.examples.prefetch_related("nodes"):
            nodes = [n for n in example.nodes.all() if n.pk != source.pk]
            if target.pk not in {n.pk for n in nodes}:
                nodes.append(target)
            if editing.save_example(example, user=user, reason=reason, nodes=nodes):
                changes.append(latest_change(example))
        threads = list(Thread.objects.filter(node=source))
        Thread.objects.filter(pk__in=[t.pk for t in threads]).update(node=target)
        for thread in threads:  # their posts are filtered by the thread's scale
            enqueue([thread, *thread.posts.only("pk")])
        changes.append(editing.retire_node(node_by_id(source.pk), user=user, reason=reason))
        # The merged category's addresses, old and current, now lead to the one it joined.
        NodeRedirect.objects.filter(node=source).update(node=target)
        NodeRedirect.objects.update_or_create(old_path=source.path, defaults={"node": target})
        return changes

    def facts(self, payload):
        source = node_by_id(payload["node"])
        from forum.models import Thread

        return [
            {"label": "Examples that move", "before": "", "after": str(source.examples.count())},
            {"label": "Threads that move", "before": "",
             "after": str(Thread.objects.filter(node=source).count())},
        ]


class RetireNode(ProposalKind):
    kind = Kind.RETIRE_NODE

    def payload(self, data):
        node = data["node"]
        if node.level < 2:
            raise ValidationError("Only categories can be retired, not the root or a scale.")
        return {"node": node.pk}

    def title(self, payload):
        return f"Retire “{node_by_id(payload['node']).name}”"

    def subject(self, payload):
        return TaxonomyNode.objects.filter(pk=payload["node"]).first(), None

    def conflict(self, payload):
        return retired_since(node_by_id(payload["node"]))

    def apply(self, payload, user, reason):
        return [editing.retire_node(node_by_id(payload["node"]), user=user, reason=reason)]
