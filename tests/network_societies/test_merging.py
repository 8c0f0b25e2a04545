"""The one field-by-field merge every edit form relies on."""

from network_societies.merging import merge_fields, merge_texts

BASE = {"title": "T", "tags": ["a"], "published": True, "text": "one\ntwo\nthree\n"}


def test_only_one_side_changed_takes_that_side():
    result = merge_fields(BASE, {**BASE, "title": "Theirs"}, {**BASE, "tags": ["a", "b"]})
    assert result.clean and result.merged
    assert result.values == {**BASE, "title": "Theirs", "tags": ["a", "b"]}


def test_nothing_changed_meanwhile_is_not_a_merge():
    result = merge_fields(BASE, BASE, {**BASE, "title": "Mine"})
    assert result.clean and not result.merged and result.values["title"] == "Mine"


def test_the_same_change_on_both_sides_is_no_conflict():
    result = merge_fields(BASE, {**BASE, "published": False}, {**BASE, "published": False})
    assert result.clean and result.values["published"] is False


def test_different_values_of_one_field_conflict_and_keep_mine():
    result = merge_fields(BASE, {**BASE, "title": "Theirs"}, {**BASE, "title": "Mine"})
    [conflict] = result.conflicts
    assert (conflict.name, conflict.base, conflict.theirs, conflict.mine) == (
        "title", "T", "Theirs", "Mine")
    assert result.values["title"] == "Mine"


def test_text_fields_merge_by_line_and_conflict_with_markers():
    theirs = {**BASE, "text": "ONE\ntwo\nthree\n"}
    clean = merge_fields(BASE, theirs, {**BASE, "text": "one\ntwo\nTHREE\n"},
                         text_fields=("text",))
    assert clean.clean and clean.values["text"] == "ONE\ntwo\nTHREE\n"
    clash = merge_fields(BASE, theirs, {**BASE, "text": "uno\ntwo\nthree\n"},
                         text_fields=("text",))
    [conflict] = clash.conflicts
    assert "<<<<<<<" in conflict.merged_text and clash.values["text"] == "uno\ntwo\nthree\n"
    # Not a text field: the same two values are a plain conflict, without markers.
    plain = merge_fields(BASE, theirs, {**BASE, "text": "one\ntwo\nTHREE\n"})
    assert plain.conflicts[0].merged_text == ""


def test_merge_texts():
    assert merge_texts("a\nx\nb\n", "A\nx\nb\n", "a\nx\nB\n") == ("A\nx\nB\n", True)
    assert merge_texts("a\n", "b\n", "c\n")[1] is False


def test_sets_get_both_sides_additions_and_removals():
    base = {"tags": ["a", "b"]}
    result = merge_fields(base, {"tags": ["a", "b", "theirs"]}, {"tags": ["b", "mine"]},
                          set_fields=("tags",))
    assert result.clean and result.merged and result.values["tags"] == ["b", "mine", "theirs"]
