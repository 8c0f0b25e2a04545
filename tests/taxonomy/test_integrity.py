"""check_taxonomy finds a corrupted tree and repairs it; default content is idempotent."""

import io

import pytest
from django.core.management import CommandError, call_command

from taxonomy import default_content, editing
from taxonomy.integrity import find_problems
from taxonomy.models import Example, TaxonomyNode


def test_check_passes_on_a_valid_tree(tree):
    out = io.StringIO()
    call_command("check_taxonomy", stdout=out)
    assert "valid" in out.getvalue()


def test_check_finds_and_repairs_corruption(tree):
    TaxonomyNode.objects.filter(path="small/hubs").update(lft=999, path="wrong/hubs")
    TaxonomyNode.objects.filter(path="large").update(kind="category")
    with pytest.raises(CommandError, match="problem"):
        call_command("check_taxonomy", stdout=io.StringIO())
    call_command("check_taxonomy", "--repair", stdout=io.StringIO())
    assert find_problems() == []
    assert TaxonomyNode.objects.get(slug="hubs").path == "small/hubs"
    assert TaxonomyNode.objects.get(slug="large").kind == "scale"


def test_default_content_is_idempotent_and_keeps_peoples_changes(tree, editor):
    count = TaxonomyNode.objects.count(), Example.objects.count()
    editing.update_node(tree["small/hubs"], user=editor, parent=tree["medium"], summary="Mine")
    editing.retire_node(tree["large/nations"], user=editor)
    default_content.load(io.StringIO())
    assert (TaxonomyNode.objects.count(), Example.objects.count()) == count
    hubs = TaxonomyNode.objects.get(pk=tree["small/hubs"].pk)
    assert hubs.path == "medium/hubs" and hubs.summary == "Mine"
    assert TaxonomyNode.objects.get(pk=tree["large/nations"].pk).is_retired
