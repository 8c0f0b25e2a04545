"""What each kind of proposal changes, and how: turning a form's data into a payload, drawing
the change before and after, telling whether the tree has moved on so that it no longer applies,
and applying it through ``taxonomy.editing``, the same services Editors use.

A proposal is checked at opening by applying it for real inside a savepoint that is rolled
back: the services' own checks (a cycle, a slug taken, an impossible size range, a retired
parent) refuse it with their messages, and the tree after the change is read for the preview.
So what the card shows is what acceptance does.
"""

from django.db import transaction

from ..preview import tree_preview, tree_snapshot
from .base import EXAMPLE_FACTS, NODE_FACTS, ProposalKind
from .examples import AddExample, EditExample, ReclassifyExample
from .nodes import AddCategory, EditNode, MergeNode, MoveNode, RetireNode

__all__ = ["EXAMPLE_FACTS", "KINDS", "NODE_FACTS", "ProposalKind", "dry_run"]


class _Rollback(Exception):
    pass


KINDS = {spec.kind: spec for spec in (
    AddCategory(), EditNode(), MoveNode(), MergeNode(), RetireNode(),
    AddExample(), ReclassifyExample(), EditExample(),
)}


def dry_run(spec, payload, user):
    """Apply the change in a savepoint and roll it back: the services' own checks run, and the
    preview is drawn from the tree as it would be. Raises ValidationError when refused."""
    before = tree_snapshot() if spec.tree else None
    facts = spec.facts(payload)
    try:
        with transaction.atomic():
            spec.apply(payload, user, "dry run")
            after = tree_snapshot() if spec.tree else None
            raise _Rollback
    except _Rollback:
        pass
    preview = {"facts": facts}
    if spec.tree:
        preview.update(tree_preview(before, after))
    return preview
