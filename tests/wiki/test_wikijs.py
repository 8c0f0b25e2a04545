"""The Wiki.js file format: parsing what Wiki.js writes, and writing what it reads."""

from datetime import UTC, datetime
from pathlib import Path

import pytest

from wiki.wikijs import WikiJsError, WikiJsPage, parse, path_from_file, read_file, serialise

SEED = Path(__file__).resolve().parents[2] / "wiki" / "content" / "network-societies.md"


def wikijs_file(meta, body="# Hello\n"):
    return "---\n" + meta.strip("\n") + "\n---\n\n" + body


def test_the_founding_page_parses_with_its_empty_description_and_tags():
    page = read_file(SEED, SEED.parent)
    assert page.path == "network-societies"
    assert page.title == "Network Societies"
    assert page.description == ""
    assert page.tags == []
    assert page.published is True
    assert page.editor == "markdown"
    assert page.updated_at == datetime(2024, 12, 10, 18, 54, 9, 678000, tzinfo=UTC)
    assert page.created_at == datetime(2024, 11, 29, 13, 41, 41, 766000, tzinfo=UTC)
    assert page.body.startswith("# Overview\n")
    assert "[Pop Ups Villages](/network-societies/pop-ups)" in page.body


def test_the_founding_page_serialises_back_to_the_same_bytes():
    text = SEED.read_text(encoding="utf-8")
    assert serialise(parse(text, path="network-societies")) == text


def test_tags_are_split_on_commas():
    page = parse(wikijs_file("title: T\ntags: pop-ups, Hubs ,  startup cities"), path="t")
    assert page.tags == ["pop-ups", "Hubs", "startup cities"]


def test_a_yaml_list_of_tags_is_accepted():
    page = parse(wikijs_file("title: T\ntags:\n  - a\n  - b"), path="t")
    assert page.tags == ["a", "b"]


def test_front_matter_that_is_not_yaml_falls_back_to_key_value_lines():
    text = wikijs_file("title: Pop-ups: a guide\ndescription: Why: because\npublished: false")
    page = parse(text, path="pop-ups")
    assert page.title == "Pop-ups: a guide"
    assert page.description == "Why: because"
    assert page.published is False


def test_older_files_with_fewer_keys_get_defaults():
    page = parse(wikijs_file("title: Old page"), path="old")
    assert (page.description, page.tags, page.published) == ("", [], True)
    assert page.updated_at is None and page.created_at is None


def test_yaml_words_stay_text():
    page = parse(wikijs_file("title: yes\ndescription: 1.0"), path="t")
    assert (page.title, page.description) == ("yes", "1.0")


def test_the_body_is_kept_exactly():
    body = "\n\n  indented\r\ntrailing spaces   \n---\nnot front matter\n\n\n"
    page = parse("---\ntitle: T\n---\n\n" + body, path="t")
    assert page.body == body


def test_a_body_without_the_blank_separator_line_is_kept():
    assert parse("---\ntitle: T\n---\n# Head\n", path="t").body == "# Head\n"


def test_crlf_files_parse():
    page = parse("---\r\ntitle: T\r\npublished: false\r\n---\r\n\r\nbody\r\n", path="t")
    assert (page.title, page.published, page.body) == ("T", False, "body\r\n")


def test_a_byte_order_mark_is_ignored():
    assert parse("\ufeff" + wikijs_file("title: T"), path="t").title == "T"


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("# no front matter\n", "no front matter"),
        ("", "no front matter"),
        ("---\ntitle: T\n# body\n", "never closed"),
        (wikijs_file("description: no title"), "no title"),
        (wikijs_file("title: T\npublished: maybe"), "published must be true or false"),
        (wikijs_file("title: T\ndate: last tuesday"), "date is not an ISO 8601 date"),
        (wikijs_file("title: T\ndateCreated: 2024-13-45T00:00:00Z"), "dateCreated is not"),
        (wikijs_file("- just\n- a list"), "not a list of 'key: value' lines"),
        (wikijs_file("title: [a, b]"), "title must be plain text"),
        (wikijs_file("title: a: b\nthis line has no colon"), "line 3 is not 'key: value'"),
        (wikijs_file("title: T\ntags: {a: b}"), "tags must be names"),
    ],
)
def test_bad_files_raise_a_clear_reason(text, reason):
    with pytest.raises(WikiJsError, match=reason):
        parse(text, path="t")


@pytest.mark.parametrize(
    ("relative", "path"),
    [
        ("network-societies.md", "network-societies"),
        ("network-societies/pop-ups.md", "network-societies/pop-ups"),
        ("en/network-societies/pop-ups.md", "network-societies/pop-ups"),
        ("EN/Design/Formulas.md", "Design/Formulas"),
        ("pt-br/hubs.md", "pt-br/hubs"),
        ("ja/product/about.html", "ja/product/about"),
        ("de.md", "de"),
        ("R&D/C++ notes.md", "R&D/C++ notes"),
    ],
)
def test_the_path_comes_from_the_file_path_and_its_locale_folder(relative, path):
    assert path_from_file(relative) == path


@pytest.mark.parametrize("relative", ["notes.txt", ".md", "a/../b.md"])
def test_unusable_file_paths_are_refused(relative):
    with pytest.raises(WikiJsError):
        path_from_file(relative)


def test_a_file_that_is_not_utf8_is_refused(tmp_path):
    (tmp_path / "latin.md").write_bytes("---\ntitle: Caf\xe9\n---\n".encode("latin-1"))
    with pytest.raises(WikiJsError, match="not UTF-8"):
        read_file(tmp_path / "latin.md", tmp_path)


def test_serialise_writes_the_wikijs_layout():
    page = WikiJsPage(
        path="p", title="Pop-ups", body="Body\n", description="", tags=["a", "b c"],
        updated_at=datetime(2024, 12, 10, 18, 54, 9, 678000, tzinfo=UTC),
        created_at=datetime(2024, 11, 29, 13, 41, 41, tzinfo=UTC),
    )
    assert serialise(page) == (
        "---\ntitle: Pop-ups\ndescription: \npublished: true\n"
        "date: 2024-12-10T18:54:09.678Z\ntags: a, b c\neditor: markdown\n"
        "dateCreated: 2024-11-29T13:41:41.000Z\n---\n\nBody\n"
    )


@pytest.mark.parametrize(
    "title",
    [
        "Pop-ups: a guide", "yes", "# not a comment", "'quoted'", '"double"', "[brackets]",
        "{braces}", "- dash", "Économie & société", "tab\there", "back\\slash", "&anchor",
        "*alias", "! tag", "%percent", "@at", "`tick`", "|pipe", ">fold", "  padded  ", "null",
        "line\nbreak", "emoji 🏕️", "?question", "~",
    ],
)
def test_any_title_survives_serialise_then_parse(title):
    page = WikiJsPage(path="p", title=title, body="x", description=title)
    again = parse(serialise(page), path="p")
    assert (again.title, again.description) == (title, title)


def test_sub_millisecond_times_survive_serialise_then_parse():
    moment = datetime(2025, 1, 2, 3, 4, 5, 123456, tzinfo=UTC)
    page = WikiJsPage(path="p", title="T", body="", updated_at=moment, created_at=moment)
    again = parse(serialise(page), path="p")
    assert again.updated_at == again.created_at == moment
