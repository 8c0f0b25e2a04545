"""import_wikijs and export_wikijs: bad files reported, re-imports idle, exact round trip."""

from datetime import UTC, datetime
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from wiki.editing import save_page
from wiki.models import IMPORT_MERGED_SUMMARY, Page, PageLink, Revision, Tag

pytestmark = pytest.mark.django_db


def write(folder, relative, text):
    target = folder / relative
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_bytes(text.encode("utf-8"))
    return target


def wikijs(title, body="Body\n", **meta):
    lines = [f"title: {title}"] + [f"{key}: {value}" for key, value in meta.items()]
    return "---\n" + "\n".join(lines) + "\n---\n\n" + body


def run_import(*paths):
    out, err = StringIO(), StringIO()
    try:
        call_command("import_wikijs", *[str(p) for p in paths], stdout=out, stderr=err)
    except CommandError as error:
        return out.getvalue(), err.getvalue(), error
    return out.getvalue(), err.getvalue(), None


def test_a_folder_imports_with_paths_tags_and_wikijs_dates(tmp_path):
    write(tmp_path, "en/network-societies/pop-ups.md", wikijs(
        "Pop-ups: a guide", "# Pop-ups\n\nSee [hubs](/network-societies/hubs).\n",
        description="Short stays", published="true", date="2024-12-10T18:54:09.678Z",
        tags="Pop Ups, Économie", editor="markdown", dateCreated="2024-11-29T13:41:41.766Z",
    ))
    out, err, error = run_import(tmp_path)
    assert error is None, err
    assert "1 created" in out
    page = Page.objects.get(path="network-societies/pop-ups")
    assert page.title == "Pop-ups: a guide"
    assert page.description == "Short stays"
    assert page.created_at == datetime(2024, 11, 29, 13, 41, 41, 766000, tzinfo=UTC)
    assert page.updated_at == datetime(2024, 12, 10, 18, 54, 9, 678000, tzinfo=UTC)
    assert sorted(page.tags.values_list("slug", flat=True)) == ["economie", "pop-ups"]
    revision = page.current_revision
    assert revision.author is None and revision.created_at == page.updated_at
    assert "<h2" in revision.html
    assert PageLink.objects.filter(source=page, target_path="network-societies/hubs").exists()


def test_bad_files_are_reported_and_the_rest_import(tmp_path):
    write(tmp_path, "good.md", wikijs("Good"))
    write(tmp_path, "no-front-matter.md", "# Just markdown\n")
    write(tmp_path, "Bad:Path.md", wikijs("Bad path"))
    write(tmp_path, "forum.md", wikijs("Reserved prefix"))
    write(tmp_path, "bad-date.md", wikijs("Bad date", date="yesterday"))
    write(tmp_path, "long.md", wikijs("x" * 300))
    write(tmp_path, "bad-tag.md", wikijs("Bad tag", tags="ok, ---"))
    (tmp_path / "latin.md").write_bytes(b"---\ntitle: Caf\xe9\n---\n")
    write(tmp_path, "notes.txt", "ignored: not markdown")

    out, err, error = run_import(tmp_path)

    assert error is not None and "7 of 8 files could not be imported" in str(error)
    assert "8 files: 1 created, 0 updated, 0 unchanged, 7 failed." in out
    assert "no-front-matter.md: no front matter" in err
    assert "Bad:Path.md: “Bad:Path” is not a valid path segment" in err
    assert "forum.md: Paths starting with “forum/” belong to the site itself." in err
    assert "bad-date.md: date is not an ISO 8601 date" in err
    assert "long.md: the title is longer than 200 characters" in err
    assert "bad-tag.md:" in err and "letter or digit" in err
    assert "latin.md: not UTF-8" in err
    assert list(Page.objects.values_list("path", flat=True)) == ["good"]


def test_reimporting_an_unchanged_file_writes_nothing(tmp_path):
    write(tmp_path, "a.md", wikijs("A", "Body with a [link](/b).\n", tags="one, two",
                                   date="2024-12-10T18:54:09.678Z"))
    run_import(tmp_path)
    before = list(Revision.objects.values_list("pk", "number"))

    out, _, error = run_import(tmp_path)

    assert error is None
    assert "0 created, 0 updated, 1 unchanged" in out
    assert list(Revision.objects.values_list("pk", "number")) == before


def test_reimporting_a_changed_file_writes_one_new_revision(tmp_path):
    write(tmp_path, "a.md", wikijs("A", "First\n", date="2024-12-10T18:54:09.678Z"))
    run_import(tmp_path)
    write(tmp_path, "a.md", wikijs("A", "Second\n", date="2025-01-02T00:00:00.000Z"))

    out, _, _ = run_import(tmp_path)

    assert "1 updated" in out
    page = Page.objects.get(path="a")
    assert page.current_revision.number == 2
    assert page.current_revision.markdown == "Second\n"
    assert page.updated_at == datetime(2025, 1, 2, tzinfo=UTC)


def test_two_files_for_one_path_are_reported(tmp_path):
    write(tmp_path, "en/a.md", wikijs("English"))
    write(tmp_path, "a.md", wikijs("Also English"))
    write(tmp_path, "Design.md", wikijs("Design"))
    write(tmp_path, "design.md", wikijs("design"))
    out, err, error = run_import(tmp_path)
    assert error is not None
    assert err.count("has the same page path") == 2 and "paths ignore case" in err
    assert Page.objects.get(path="a").current_revision.number == 1
    assert Page.objects.filter(path_key="design").count() == 1


def test_locale_folders_are_translations_not_collisions(tmp_path):
    write(tmp_path, "en/a.md", wikijs("English"))
    write(tmp_path, "de/a.md", wikijs("Deutsch"))
    out, err, error = run_import(tmp_path)
    assert error is None, err
    assert dict(Page.objects.values_list("path", "locale")) == {"a": "en", "de/a": "de"}


def test_single_files_import_by_name_and_missing_ones_are_refused(tmp_path):
    file = write(tmp_path, "deep/folder/hubs.md", wikijs("Hubs"))
    _, _, error = run_import(file)
    assert error is None
    assert Page.objects.filter(path="hubs").exists()
    _, _, error = run_import(tmp_path / "missing.md")
    assert "no such file or folder" in str(error)


def test_a_page_in_the_recycle_bin_is_not_overwritten(tmp_path):
    save_page(path="a", title="A", markdown="Mine", author=None)
    Page.objects.filter(path="a").update(deleted_at=datetime(2025, 1, 1, tzinfo=UTC))
    write(tmp_path, "a.md", wikijs("A", "Theirs"))
    _, err, error = run_import(tmp_path)
    assert error is not None and "recycle bin" in err
    assert Page.objects.get(path="a").current_revision.markdown == "Mine"



LINES = "one\ntwo\nthree\nfour\nfive\n"


def test_a_reimport_merges_with_what_people_saved_here_since_the_last_import(tmp_path, user):
    """An import starts from the page's last import, as a form from the revision it was read
    at: it used to replace the text whole, and the edits people had saved here were lost."""
    write(tmp_path, "a.md", wikijs("A", LINES))
    run_import(tmp_path)
    save_page(path="a", title="A", markdown=LINES.replace("five", "FIVE here"), author=user,
              base_revision=1)
    write(tmp_path, "a.md", wikijs("A", LINES.replace("one", "ONE in Wiki.js")))

    out, _, error = run_import(tmp_path)

    assert error is None and "1 updated" in out
    current = Page.objects.get(path="a").current_revision
    assert current.markdown == "ONE in Wiki.js\ntwo\nthree\nfour\nFIVE here\n"
    assert (current.number, current.author, current.summary) == (3, None, IMPORT_MERGED_SUMMARY)
    # The same export again brings nothing in, and takes nothing away.
    out, _, _ = run_import(tmp_path)
    assert "1 unchanged" in out and Revision.objects.count() == 3
    # A later change in Wiki.js starts from the file last imported whole, not from the merge.
    write(tmp_path, "a.md", wikijs("A", LINES.replace("one", "ONE in Wiki.js")
                                   .replace("three", "THREE")))
    run_import(tmp_path)
    current = Page.objects.get(path="a").current_revision
    assert current.markdown == "ONE in Wiki.js\ntwo\nTHREE\nfour\nFIVE here\n"


def test_a_reimport_never_overwrites_a_line_people_changed_here(tmp_path, user):
    """Where the file and a save made here changed the same line, the save stays and the
    import names the file; the rest of the export still imports."""
    write(tmp_path, "a.md", wikijs("A", LINES))
    write(tmp_path, "b.md", wikijs("B", LINES))
    run_import(tmp_path)
    save_page(path="a", title="A", markdown=LINES.replace("one", "ONE here"), author=user,
              base_revision=1)
    write(tmp_path, "a.md", wikijs("A", LINES.replace("one", "ONE in Wiki.js")))
    write(tmp_path, "b.md", wikijs("B", LINES.replace("one", "ONE in Wiki.js")))

    out, err, error = run_import(tmp_path)

    assert "1 of 2 files could not be imported" in str(error)
    assert "0 created, 1 updated, 0 unchanged, 1 failed" in out
    assert "a.md: edited here since the last import, where the file changed it too (text)" in err
    assert Page.objects.get(path="a").current_revision.markdown == LINES.replace("one",
                                                                                 "ONE here")
    assert Page.objects.get(path="b").current_revision.markdown.startswith("ONE in Wiki.js")


# --- Export, and export then import ----------------------------------------------------------


def make_site(user):
    save_page(path="network-societies", title="Network Societies", markdown="# Overview\n",
              author=None, created_at=datetime(2024, 11, 29, 13, 41, 41, 766000, tzinfo=UTC),
              saved_at=datetime(2024, 12, 10, 18, 54, 9, 678000, tzinfo=UTC))
    save_page(path="network-societies/pop-ups", title="Pop-ups: a guide", author=user,
              markdown="Ünïcödé 🏕️ body\r\nwith CRLF\n\n\n", description="Short: stays",
              tags=["Pop Ups", "Économie", "zeta"])
    save_page(path="network-societies/pop-ups", title="Pop-ups: a guide", author=user,
              markdown="\nLeading blank line, no trailing newline", description="",
              tags=["zeta", "économie"], published=False)
    save_page(path="a/b/c/deep", title="yes", markdown="", author=user, description="1.0")
    save_page(path="quotes", title='"Quoted" # not a comment', markdown="---\nnot meta\n---\n",
              author=user, description="  padded  ")


def snapshot():
    return [
        (p.path, p.title, p.description, p.published, p.current_revision.tags,
         sorted(p.tags.values_list("name", flat=True)), p.created_at, p.updated_at,
         p.current_revision.markdown)
        for p in Page.objects.select_related("current_revision").order_by("path")
    ]


def empty_the_wiki():
    # Newest revisions first: each one is then a leaf, so no other revision loses its parent.
    for revision in Revision.objects.order_by("-number"):
        revision.delete()
    Page.objects.all().delete()
    Tag.objects.all().delete()


def test_export_then_import_reproduces_every_page_exactly(tmp_path, user):
    make_site(user)
    before = snapshot()
    call_command("export_wikijs", str(tmp_path), stdout=StringIO())
    empty_the_wiki()

    out, err, error = run_import(tmp_path)

    assert error is None, err
    assert "4 created" in out
    assert snapshot() == before


def test_export_writes_wikijs_files_at_page_paths(tmp_path, user):
    make_site(user)
    out = StringIO()
    call_command("export_wikijs", str(tmp_path / "out"), stdout=out)
    assert "Exported 4 pages" in out.getvalue()
    files = sorted(p.relative_to(tmp_path / "out").as_posix() for p in tmp_path.rglob("*.md"))
    assert files == [
        "a/b/c/deep.md", "network-societies.md", "network-societies/pop-ups.md", "quotes.md",
    ]
    assert (tmp_path / "out/network-societies.md").read_text() == (
        "---\ntitle: Network Societies\ndescription: \npublished: true\n"
        "date: 2024-12-10T18:54:09.678Z\ntags: \neditor: markdown\n"
        "dateCreated: 2024-11-29T13:41:41.766Z\n---\n\n# Overview\n"
    )


def test_export_leaves_out_the_recycle_bin(tmp_path, user):
    make_site(user)
    Page.objects.filter(path="quotes").update(deleted_at=datetime(2025, 1, 1, tzinfo=UTC))
    call_command("export_wikijs", str(tmp_path), stdout=StringIO())
    assert not (tmp_path / "quotes.md").exists()


def test_export_to_an_unwritable_place_is_a_clear_error(tmp_path, user):
    make_site(user)
    (tmp_path / "file").write_text("in the way")
    with pytest.raises(CommandError, match="Cannot write to"):
        call_command("export_wikijs", str(tmp_path / "file"), stdout=StringIO())
