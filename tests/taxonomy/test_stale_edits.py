"""Stale edits of nodes and examples: merged field by field, or a conflict that saves nothing."""

import pytest

from network_societies.merging import EditConflict
from taxonomy import editing
from taxonomy.models import Change, Example

pytestmark = pytest.mark.django_db


def node_post(node, **changes):
    """What the edit form posts for ``node`` as read now, with ``changes``."""
    data = {
        "name": node.name, "slug": node.slug, "parent": node.parent_id or "",
        "summary": node.summary, "description": node.description,
        "size_min": node.size_min or "", "size_max": node.size_max or "",
        "permanence": node.permanence, "page_path": node.page_path, "order": node.order,
        "version": node.version, "reason": "",
    }
    return {**data, **changes}


def test_different_fields_merge_and_both_land(tree, editor, other_user):
    node = tree["small/pop-up-villages"]
    read = node.version
    editing.update_node(node, user=editor, summary="theirs", expected_version=read)
    editing.update_node(node, user=editor, description="mine\n", expected_version=read)
    node.refresh_from_db()
    assert (node.summary, node.description) == ("theirs", "mine\n")
    assert node.version == read + 2
    assert list(node.changes.order_by("version").values_list("version", flat=True))[-2:] == [
        read + 1, read + 2]


def test_same_field_is_a_conflict_with_both_values_and_nothing_saved(tree, editor):
    node = tree["small/pop-up-villages"]
    read = node.version
    editing.update_node(node, user=editor, summary="theirs", expected_version=read)
    before = Change.objects.count()
    with pytest.raises(EditConflict) as info:
        editing.update_node(node, user=editor, summary="mine", name="Renamed",
                            expected_version=read)
    [conflict] = info.value.conflicts
    assert (conflict.name, conflict.theirs, conflict.mine) == ("summary", "theirs", "mine")
    assert info.value.values["summary"] == "mine" and info.value.values["name"] == "Renamed"
    assert info.value.version == read + 1 and info.value.by == editor
    node.refresh_from_db()
    assert node.name != "Renamed" and Change.objects.count() == before


def test_descriptions_merge_line_by_line(tree, editor):
    node = tree["small/pop-up-villages"]
    editing.update_node(node, user=editor, description="one\ntwo\nthree\n")
    node.refresh_from_db()
    read = node.version
    editing.update_node(node, user=editor, description="ONE\ntwo\nthree\n", expected_version=read)
    editing.update_node(node, user=editor, description="one\ntwo\nTHREE\n", expected_version=read)
    node.refresh_from_db()
    assert node.description == "ONE\ntwo\nTHREE\n"
    assert "THREE" in node.description_html


def test_a_move_meanwhile_is_kept_when_i_change_something_else(tree, editor):
    node, medium = tree["small/pop-up-villages"], tree["medium"]
    read = node.version
    editing.update_node(node, user=editor, parent=medium, expected_version=read)
    # The form read before the move still names the old parent: unchanged by me, so theirs.
    editing.update_node(node, user=editor, parent=tree["small"], summary="mine",
                        expected_version=read)
    node.refresh_from_db()
    assert node.path == "medium/pop-up-villages" and node.summary == "mine"


def test_sibling_renumbering_is_recorded_so_stale_forms_merge(tree, editor):
    small = tree["small"]
    first, *rest = list(small.get_children())
    read = rest[0].version
    editing.place_node(rest[-1], first, "left", user=editor)
    moved = rest[0].__class__.objects.get(pk=rest[0].pk)
    assert moved.version > read
    # A form read before the drop, changing only the summary, keeps the new order.
    editing.update_node(rest[0], user=editor, summary="x", order=rest[0].order,
                        expected_version=read)
    assert rest[0].__class__.objects.get(pk=rest[0].pk).order == moved.order


def test_examples_merge_nodes_and_fields(tree, editor):
    example = editing.save_example(Example(), user=editor, name="Zuzalu", slug="zuzalu",
                                   nodes=[tree["small/pop-up-villages"]])
    read = example.version
    editing.save_example(example, user=editor, place="Montenegro", expected_version=read)
    editing.save_example(example, user=editor, nodes=[tree["small/pop-up-villages"],
                                                      tree["medium"]], expected_version=read)
    example.refresh_from_db()
    assert example.place == "Montenegro"
    assert set(example.nodes.values_list("path", flat=True)) == {"small/pop-up-villages",
                                                                 "medium"}
    with pytest.raises(EditConflict):
        editing.save_example(example, user=editor, place="Serbia", expected_version=read)


class TestEditForms:
    def test_stale_form_merges_other_fields(self, tree, editor, editor_client):
        node = tree["small/pop-up-villages"]
        stale = node_post(node, description="Mine.")
        editing.update_node(node, user=editor, summary="Theirs.")
        response = editor_client.post(f"/taxonomy/-/{node.pk}/edit/", stale)
        assert response.status_code == 302
        node.refresh_from_db()
        assert (node.summary, node.description) == ("Theirs.", "Mine.")

    def test_conflict_screen_keeps_my_input_and_shows_theirs(self, tree, editor, editor_client):
        node = tree["small/pop-up-villages"]
        stale = node_post(node, summary="Mine.", description="Also mine.")
        editing.update_node(node, user=editor, summary="Theirs.", name="Pop-ups")
        response = editor_client.post(f"/taxonomy/-/{node.pk}/edit/", stale)
        body = response.content.decode()
        assert response.status_code == 409
        assert "This node was changed while you were editing" in body
        assert "Theirs." in body and 'value="Mine."' in body and "Also mine." in body
        form = response.context["form"]
        # Their rename (a field I left alone) is merged into the form; the version is theirs.
        assert form["name"].value() == "Pop-ups"
        assert form["version"].value() == str(node.version + 1)
        node.refresh_from_db()
        assert node.summary == "Theirs."
        # Saving the screen again is a deliberate choice: mine lands, their rename stays.
        data = {name: form[name].value() or "" for name in form.fields}
        assert editor_client.post(f"/taxonomy/-/{node.pk}/edit/", data).status_code == 302
        node.refresh_from_db()
        assert (node.summary, node.name, node.description) == ("Mine.", "Pop-ups", "Also mine.")
