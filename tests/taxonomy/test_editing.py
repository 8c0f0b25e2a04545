"""taxonomy.editing: moves, renames, reorders, refusals, retire/restore, history and revert."""

import pytest
from django.core.exceptions import ValidationError

from taxonomy import editing
from taxonomy.integrity import find_problems
from taxonomy.models import Action, Change, Example, Kind, NodeRedirect, TaxonomyNode


def reload(node):
    return TaxonomyNode.objects.get(pk=node.pk)


def test_default_tree_has_paths_and_kinds(tree):
    assert tree[""].kind == Kind.ROOT
    assert tree["small"].kind == Kind.SCALE
    assert tree["small/pop-up-villages"].kind == Kind.CATEGORY
    assert tree["small/pop-up-villages"].page_path == "network-societies/pop-ups"
    assert find_problems() == []


def test_move_category_to_another_scale_updates_paths_redirects_and_history(tree, editor):
    hubs = tree["small/hubs"]
    child = editing.create_node(user=editor, parent=hubs, name="Co-living", slug="co-living")
    editing.update_node(hubs, user=editor, parent=tree["medium"], reason="Hubs are bigger")

    hubs, child = reload(hubs), reload(child)
    assert hubs.path == "medium/hubs" and hubs.parent == tree["medium"]
    assert child.path == "medium/hubs/co-living"
    assert NodeRedirect.objects.get(old_path="small/hubs").node == hubs
    assert NodeRedirect.objects.get(old_path="small/hubs/co-living").node == child
    change = hubs.changes.first()
    assert change.action == Action.MOVED and change.user == editor
    assert change.reason == "Hubs are bigger"
    assert change.changes["parent"][0]["path"] == "small"
    assert change.changes["parent"][1]["path"] == "medium"
    assert find_problems() == []


def test_moving_a_scale_under_another_scale_makes_it_a_category(tree, editor):
    editing.update_node(tree["small"], user=editor, parent=tree["large"])
    assert reload(tree["small"]).kind == Kind.CATEGORY
    assert reload(tree["small/hubs"]).path == "large/small/hubs"
    assert find_problems() == []


def test_rename_changes_path_of_subtree_and_moving_back_clears_redirect(tree, editor):
    editing.update_node(tree["large"], user=editor, slug="big")
    assert reload(tree["large/nations"]).path == "big/nations"
    assert NodeRedirect.objects.filter(old_path="large/nations").exists()
    editing.update_node(tree["large"], user=editor, slug="large")
    assert reload(tree["large/nations"]).path == "large/nations"
    assert not NodeRedirect.objects.filter(old_path="large/nations").exists()
    assert NodeRedirect.objects.filter(old_path="big/nations").exists()


def test_reorder_changes_sibling_order(tree, editor):
    editing.update_node(tree["large/nations"], user=editor, order=1)
    names = [n.name for n in reload(tree["large"]).get_children()]
    assert names[0] == "Nations"
    assert find_problems() == []


@pytest.mark.parametrize(
    "fields, field",
    [
        ({"parent_path": "small/pop-up-villages"}, "parent"),  # under itself: a cycle
        ({"slug": "hubs"}, "slug"),  # a sibling already has it
        ({"size_min": 500, "size_max": 50}, "size_max"),  # impossible range
        ({"slug": "Not A Slug"}, "slug"),
    ],
)
def test_bad_input_is_refused_and_nothing_changes(tree, editor, fields, field):
    villages = tree["small/pop-up-villages"]
    child = editing.create_node(user=editor, parent=villages, name="Sub", slug="sub")
    if "parent_path" in fields:
        fields = {"parent": reload(child)} if fields["parent_path"] else fields
    before = list(TaxonomyNode.objects.values_list("pk", "path", "lft", "rght", "slug", "size_max"))
    changes_before = Change.objects.count()
    with pytest.raises(ValidationError) as refused:
        editing.update_node(villages, user=editor, **fields)
    assert field in refused.value.message_dict
    after = list(TaxonomyNode.objects.values_list("pk", "path", "lft", "rght", "slug", "size_max"))
    assert after == before
    assert Change.objects.count() == changes_before


def test_retire_refused_while_children_are_active(tree, editor):
    with pytest.raises(ValidationError, match="children"):
        editing.retire_node(tree["small"], user=editor)
    editing.retire_node(tree["small/hubs"], user=editor)
    assert reload(tree["small/hubs"]).is_retired
    assert not TaxonomyNode.search_queryset().filter(pk=tree["small/hubs"].pk).exists()


def test_revert_a_move_and_a_retire(tree, editor, moderator):
    hubs = tree["small/hubs"]
    editing.update_node(hubs, user=editor, parent=tree["medium"])
    move = hubs.changes.first()
    editing.revert(move, user=moderator)
    assert reload(hubs).path == "small/hubs"
    assert hubs.changes.first().action == Action.REVERTED
    assert hubs.changes.first().reverts == move

    retire = editing.retire_node(hubs, user=editor)
    editing.revert(retire, user=moderator)
    assert not reload(hubs).is_retired
    assert find_problems() == []


def test_revert_refused_when_the_old_parent_is_retired(tree, editor):
    hubs = tree["small/hubs"]
    editing.update_node(tree["medium/startup-cities"], user=editor, parent=tree["small"])
    move = reload(tree["medium/startup-cities"]).changes.first()
    editing.retire_node(tree["medium/pop-up-cities"], user=editor)
    editing.retire_node(tree["medium/intentional-communities"], user=editor)
    editing.retire_node(tree["medium"], user=editor)
    with pytest.raises(ValidationError, match="retired"):
        editing.revert(move, user=editor)
    assert reload(tree["medium/startup-cities"]).path == "small/startup-cities"
    assert reload(hubs).path == "small/hubs"


def test_example_edit_history_and_revert(tree, editor):
    example = Example.objects.get(slug="chiang-mai-archipelago-2024")
    editing.save_example(example, user=editor, size=500, nodes=[tree["large/archipelagos"]])
    change = example.changes.first()
    assert change.changes["size"] == [None, 500]
    assert [ref["path"] for ref in change.changes["nodes"][1]] == ["large/archipelagos"]
    editing.revert(change, user=editor)
    example.refresh_from_db()
    assert example.size is None
    assert set(example.nodes.values_list("path", flat=True)) == {
        "large/archipelagos",
        "small/pop-up-villages",
    }


def test_example_bad_dates_and_duplicate_slug_are_refused(tree, editor):
    from datetime import date

    example = Example.objects.get(slug="chiang-mai-archipelago-2024")
    with pytest.raises(ValidationError) as refused:
        editing.save_example(
            example, user=editor, start_date=date(2024, 5, 1), end_date=date(2024, 1, 1)
        )
    assert "end_date" in refused.value.message_dict
    with pytest.raises(ValidationError):
        editing.save_example(example, user=editor, slug="balajian-network-states")
    example.refresh_from_db()
    assert example.start_date is None and example.slug == "chiang-mai-archipelago-2024"


def test_descriptions_are_rendered_and_sanitised(tree, editor):
    editing.update_node(tree["small/hubs"], user=editor, description="**Hub** <script>x()</script>")
    hubs = reload(tree["small/hubs"])
    assert "<strong>Hub</strong>" in hubs.description_html
    assert "<script>" not in hubs.description_html


def test_search_declarations(tree, editor):
    assert tree["large/nations"].search_value("scale") == "large"
    example = Example.objects.get(slug="chiang-mai-archipelago-2024")
    assert example.search_value("scale") == ["large", "small"]
    editing.retire_example(example, user=editor)
    assert not Example.search_queryset().filter(pk=example.pk).exists()
