"""Spreadsheet export and import: formats, license and citation, round trips that change
nothing, bad rows named by number with nothing applied, idempotence, one history group per
import, the web flow (preview stored on the server, then applied) and the command."""

import io
import zipfile
from datetime import date

import pytest
import tablib
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.test import Client

from taxonomy import editing, spreadsheets
from taxonomy.directory import order
from taxonomy.models import Change, Example, ExampleImport, ImportStatus

from .corpus import load_corpus

pytestmark = pytest.mark.django_db


@pytest.fixture
def corpus(db):
    from .conftest import ensure_groups

    ensure_groups()
    return load_corpus()


def exported(file_format):
    return spreadsheets.export(order(Example.objects.active(), "name"), file_format)[0]


def plan_of(content):
    file_format, headers, rows = spreadsheets.read(content)
    return spreadsheets.plan(headers, rows)


def csv_file(*lines):
    return ("\n".join(lines) + "\n").encode()


HEADER = "slug,name,categories,status,country,start_date,end_date,size"


class TestExport:
    @pytest.mark.parametrize("file_format", ["csv", "xlsx", "ods"])
    def test_carries_license_and_citation(self, corpus, file_format):
        content = exported(file_format)
        if file_format == "csv":
            text = content.decode()
            assert text.startswith("# License: CC BY-SA 4.0 (https://creativecommons.org/")
            assert "# Cite as: Network Societies contributors" in text
        else:
            book = tablib.Databook()
            book.load(content, file_format)
            about = book.sheets()[1]
            assert about.title == "About"
            assert "CC BY-SA 4.0" in about[0][0] and "Cite as" in about[1][0]

    def test_license_is_a_setting(self, corpus, settings):
        settings.DATASET_LICENSE = "CC0 1.0"
        assert b"# License: CC0 1.0" in exported("csv")

    def test_rows_and_formula_escaping(self, corpus):
        editing.save_example(corpus["praxis"], user=None, description="=HYPERLINK(\"x\")")
        data = tablib.Dataset().load(exported("xlsx"), format="xlsx")
        rows = {row["slug"]: row for row in data.dict}
        assert rows["zuzalu-2023"]["categories"] == "small/pop-up-villages"
        assert rows["zuzalu-2023"]["country"] == "ME"
        assert "dates: https://zuzalu.city/" in rows["zuzalu-2023"]["sources"]
        assert rows["praxis"]["description"] == "'=HYPERLINK(\"x\")"

    def test_export_view_follows_the_filters(self, client, corpus):
        response = client.get("/examples/-/export.csv?country=HN&sort=-size")
        assert response.status_code == 200
        assert response["Content-Type"].startswith("text/csv")
        assert "attachment" in response["Content-Disposition"]
        lines = response.content.decode().splitlines()
        assert [line.split(",")[0] for line in lines[3:]] == ["prospera", "vitalia-2024"]
        assert client.get("/examples/-/export.xls").status_code == 404


class TestRoundTrip:
    @pytest.mark.parametrize("file_format", ["csv", "xlsx", "ods"])
    def test_export_then_import_changes_nothing(self, corpus, file_format):
        editing.save_example(corpus["praxis"], user=None,
                             description="- a list\n- =not a formula\n\nLine two")
        planned, errors = plan_of(exported(file_format))
        assert errors == []
        assert {row["action"] for row in planned} == {"unchanged"}, [
            (row["slug"], row["changes"]) for row in planned if row["changes"]]
        assert len(planned) == Example.objects.active().count()

    def test_one_change_is_previewed_then_recorded_as_one_import(self, corpus, editor):
        data = tablib.Dataset().load(exported("xlsx"), format="xlsx")
        index = data["slug"].index("vitalia-2024")
        row = list(data[index])
        row[data.headers.index("size")] = 275
        data[index] = row
        example_import = spreadsheets.preview(data.export("xlsx"), "vitalia.xlsx", editor)
        changed = [row for row in example_import.rows if row["action"] == "change"]
        assert [(row["slug"], row["changes"]) for row in changed] == [
            ("vitalia-2024", {"size": [250, 275]})]
        assert Example.objects.get(slug="vitalia-2024").size == 250  # nothing applied yet
        counts = spreadsheets.apply(example_import, editor)
        assert counts["change"] == 1
        change = Change.objects.get(batch=example_import)
        assert change.example.slug == "vitalia-2024" and change.user == editor
        assert change.changes == {"size": [250, 275]}
        # Idempotent: the same file again changes nothing.
        again = spreadsheets.preview(data.export("xlsx"), "vitalia.xlsx", editor)
        assert again.counts() == {"create": 0, "change": 0,
                                  "unchanged": Example.objects.active().count()}
        # The import's change reverts like any other.
        editing.revert(change, user=editor)
        assert Example.objects.get(slug="vitalia-2024").size == 250


class TestBadRows:
    def test_every_bad_row_is_named_and_nothing_applies(self, corpus, editor):
        content = csv_file(
            HEADER,
            "new-one,New one,small/pop-up-villages,past,TH,2024-01-01,2024-02-01,100",
            "bad-category,Bad category,small/nowhere,past,TH,,,",
            "bad-dates,Bad dates,small/hubs,past,PT,2024-05-01,2024-04-01,",
            "bad-size,Bad size,small/hubs,active,PT,,,about 200",
            "new-one,Duplicate slug,small/hubs,active,PT,,,",
            "zuzalu-2023,Zuzalu,small/pop-up-villages,past,ME,2023-03-25,2023-05-25,220",
        )
        example_import = spreadsheets.preview(content, "bad.csv", editor)
        reasons = {error["row"]: error["reason"] for error in example_import.errors}
        assert set(reasons) == {3, 4, 5, 6}
        assert "unknown category “small/nowhere”" in reasons[3]
        assert "end date 2024-04-01 is before the start date 2024-05-01" in reasons[4]
        assert "size “about 200” is not a whole number" in reasons[5]
        assert "duplicate slug “new-one” (also in row 2)" in reasons[6]
        with pytest.raises(spreadsheets.ImportRefused):
            spreadsheets.apply(example_import, editor)
        assert not Example.objects.filter(slug="new-one").exists()
        assert Example.objects.get(slug="zuzalu-2023").size == 200

    @pytest.mark.parametrize("cells, reason", [
        ("x,X,,weird,,,,", "unknown status “weird”"),
        ("x,X,,,Atlantis,,,", "unknown country “Atlantis”"),
        ("x,X,,,,2024-13-01,,", "start date “2024-13-01” is not a date"),
        ("x,X,,,,,,-5", "not a whole number"),
        (",,,,TH,,,", "give a name or a slug"),
        ("Not A Slug,X,,,,,,", "“Not A Slug” is not a valid slug"),
        ("ghost,,,,,,,", "no example has the slug “ghost”"),
        ("x,X,small/pop-up-villages;medium/nope,,,,,", "unknown category “medium/nope”"),
    ])
    def test_reasons(self, corpus, cells, reason):
        planned, errors = plan_of(csv_file(HEADER, cells))
        assert planned == [] and reason in errors[0]["reason"] and errors[0]["row"] == 2

    def test_new_row_taking_an_existing_slug(self, corpus):
        planned, errors = plan_of(csv_file("name", "Zuzalu 2"))
        assert errors == [] and planned[0]["action"] == "create"
        _, errors = plan_of(csv_file("slug,name", "twin-oaks,Another Twin Oaks"))
        assert errors == []  # the slug matches: this is a rename of Twin Oaks
        _, errors = plan_of(csv_file("name", "Auroville", "Auroville"))
        assert "duplicate slug “auroville” (also in row 2)" in errors[0]["reason"]

    @pytest.mark.parametrize("content, message", [
        (b"", "empty"),
        (b"\x00\x01\x02garbage", "binary"),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 100, "Old Excel"),
        (b"PK\x03\x04 not really a zip", "damaged"),
        (b"just,some,columns\n1,2,3\n", "at least “name” or “slug”"),
    ])
    def test_files_that_are_not_spreadsheets(self, corpus, content, message):
        with pytest.raises(spreadsheets.ImportFileError, match=message):
            plan_of(content)

    def test_zip_bomb_is_refused_before_parsing(self, corpus):
        buffer = io.BytesIO()
        with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
            archive.writestr("xl/worksheets/sheet1.xml", b"\x00" * (250 * 1024 * 1024))
        with pytest.raises(spreadsheets.ImportFileError, match="200 MB"):
            plan_of(buffer.getvalue())

    def test_too_many_rows(self, corpus, settings):
        settings.DATASET_IMPORT_MAX_ROWS = 2
        with pytest.raises(spreadsheets.ImportFileError, match="at most 2"):
            plan_of(csv_file("name", "A", "B", "C"))


class TestMessyInput:
    def test_semicolons_names_and_aliases(self, corpus):
        content = ("\ufeffName;Start;End;Country;Categories;Size\n"
                   "Nuevo pueblo;2024-03-01;2024-04-01;Argentina;Pop-up villages;1 200\n"
                   ).encode("utf-8")
        planned, errors = plan_of(content)
        assert errors == []
        values = planned[0]["values"]
        assert values["slug"] == "nuevo-pueblo" and values["country"] == "AR"
        assert values["size"] == 1200 and values["start_date"] == "2024-03-01"

    def test_windows_encoding_and_trailing_empty_rows(self, corpus):
        content = "name,place\nCafé commune,Málaga\n,\n,\n".encode("cp1252")
        planned, errors = plan_of(content)
        assert errors == [] and len(planned) == 1
        assert planned[0]["values"]["place"] == "Málaga"

    def test_a_row_matches_by_name_when_no_slug(self, corpus):
        planned, _ = plan_of(csv_file("name,size", "Auroville,3400"))
        assert planned[0]["example"] == corpus["auroville"].pk
        assert planned[0]["changes"] == {"size": [3300, 3400]}

    def test_columns_left_out_are_left_alone(self, corpus, editor):
        example_import = spreadsheets.preview(csv_file("slug,status", "zuzalu-2023,active"),
                                              "", editor)
        spreadsheets.apply(example_import, editor)
        zuzalu = Example.objects.get(slug="zuzalu-2023")
        assert zuzalu.status == "active" and zuzalu.size == 200
        assert zuzalu.start_date == date(2023, 3, 25) and zuzalu.citations.count() == 2

    def test_a_retired_example_in_the_file_is_restored(self, corpus, editor):
        editing.retire_example(corpus["findhorn"], user=None)
        example_import = spreadsheets.preview(csv_file("slug,size", "findhorn,450"), "", editor)
        assert example_import.rows[0]["changes"]["retired"] == [True, False]
        spreadsheets.apply(example_import, editor)
        findhorn = Example.objects.get(slug="findhorn")
        assert not findhorn.is_retired and findhorn.size == 450
        assert Change.objects.filter(batch=example_import).count() == 2


class TestApply:
    def test_stale_preview_is_refused_whole(self, corpus, editor):
        content = csv_file("slug,size", "auroville,3500", "twin-oaks,120")
        example_import = spreadsheets.preview(content, "", editor)
        editing.save_example(corpus["twin-oaks"], user=None, size=110)
        with pytest.raises(spreadsheets.ImportRefused, match="Row 3: “Twin Oaks Community” was"):
            spreadsheets.apply(example_import, editor)
        assert Example.objects.get(slug="auroville").size == 3300  # row 2 rolled back too
        assert ExampleImport.objects.get(pk=example_import.pk).status == ImportStatus.PENDING

    def test_applied_once_only(self, corpus, editor):
        example_import = spreadsheets.preview(csv_file("name", "Brand new"), "", editor)
        spreadsheets.apply(example_import, editor)
        with pytest.raises(spreadsheets.ImportRefused, match="applied"):
            spreadsheets.apply(example_import, editor)
        assert Example.objects.filter(name="Brand new").count() == 1


class TestWebImport:
    def upload(self, client, content, name="examples.csv"):
        return client.post("/examples/-/import/",
                           {"file": SimpleUploadedFile(name, content)})

    def test_editors_only(self, corpus, user):
        anonymous = Client()
        assert anonymous.get("/examples/-/import/").status_code == 302
        member = Client()
        member.force_login(user)
        assert member.get("/examples/-/import/").status_code == 403
        assert self.upload(member, csv_file("name", "X")).status_code == 403
        assert not ExampleImport.objects.exists()

    def test_preview_then_apply_by_id(self, corpus, editor_client,
                                      django_capture_on_commit_callbacks):
        response = self.upload(editor_client, csv_file("slug,size", "aleph-2024,1100"))
        example_import = ExampleImport.objects.get()
        assert response.url == f"/examples/-/imports/{example_import.pk}/"
        html = editor_client.get(response.url).content.decode()
        assert "1</strong> to change" in html and "Apply the import" in html
        assert Example.objects.get(slug="aleph-2024").size == 1000
        # Whatever else the form sends, the stored preview is what is applied.
        with django_capture_on_commit_callbacks() as queued:
            editor_client.post(f"/examples/-/imports/{example_import.pk}/apply/",
                               {"rows": '[{"slug": "aleph-2024", "size": 1}]', "size": 1})
        assert Example.objects.get(slug="aleph-2024").size == 1000  # not in the request
        for callback in queued:  # the commit: the task queue applies it
            callback()
        assert Example.objects.get(slug="aleph-2024").size == 1100
        html = editor_client.get(response.url).content.decode()
        assert "In the history" in html
        history = editor_client.get("/examples/aleph-2024/history/").content.decode()
        assert f"spreadsheet import #{example_import.pk}" in history

    def test_a_refusal_on_the_queue_is_shown_on_the_import(
            self, corpus, editor_client, django_capture_on_commit_callbacks):
        response = self.upload(editor_client, csv_file("slug,size", "auroville,3500"))
        example_import = ExampleImport.objects.get()
        editing.save_example(corpus["auroville"], user=None, size=3400)
        with django_capture_on_commit_callbacks(execute=True):
            editor_client.post(f"/examples/-/imports/{example_import.pk}/apply/")
        example_import.refresh_from_db()
        assert example_import.status == ImportStatus.PENDING
        assert "was changed by someone since the preview" in example_import.refusal
        html = editor_client.get(response.url).content.decode()
        assert "Nothing was imported: Row 2" in html
        assert Example.objects.get(slug="auroville").size == 3400

    def test_errors_shown_and_no_apply_button(self, corpus, editor_client):
        response = self.upload(editor_client, csv_file(HEADER, "x,X,,,,2024-02-01,2024-01-01,"))
        html = editor_client.get(response.url).content.decode()
        assert "Rows with errors" in html and "Apply the import" not in html
        assert "The end date 2024-01-01 is before the start date 2024-02-01" in html

    def test_unreadable_file_is_a_form_error(self, corpus, editor_client):
        response = self.upload(editor_client, b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "old.xls")
        assert response.status_code == 200
        assert "Old Excel files" in response.content.decode()

    def test_discard(self, corpus, editor_client):
        response = self.upload(editor_client, csv_file("name", "Never"))
        pk = ExampleImport.objects.get().pk
        editor_client.post(f"/examples/-/imports/{pk}/discard/")
        editor_client.post(f"/examples/-/imports/{pk}/apply/")
        assert not Example.objects.filter(name="Never").exists()
        assert ExampleImport.objects.get().status == ImportStatus.DISCARDED
        assert response.status_code == 302

    def test_get_never_applies(self, corpus, editor_client):
        self.upload(editor_client, csv_file("name", "Only by POST"))
        pk = ExampleImport.objects.get().pk
        assert editor_client.get(f"/examples/-/imports/{pk}/apply/").status_code == 405


class TestCommand:
    def test_yes_applies_and_reports(self, corpus, tmp_path):
        path = tmp_path / "examples.csv"
        path.write_bytes(csv_file("slug,size", "praxis,10"))
        out = io.StringIO()
        call_command("import_examples", str(path), "--yes", stdout=out)
        assert "row 2: change praxis (size)" in out.getvalue()
        assert "1 changed" in out.getvalue()
        assert Example.objects.get(slug="praxis").size == 10

    def test_dry_run_and_errors(self, corpus, tmp_path):
        path = tmp_path / "examples.csv"
        path.write_bytes(csv_file("slug,size", "praxis,10"))
        call_command("import_examples", str(path), "--dry-run", stdout=io.StringIO())
        assert Example.objects.get(slug="praxis").size is None
        path.write_bytes(csv_file("slug,size", "praxis,ten"))
        with pytest.raises(CommandError, match="1 row"):
            call_command("import_examples", str(path), "--yes", stdout=io.StringIO())
