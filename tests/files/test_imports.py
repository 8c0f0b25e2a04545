"""Importing a file from another wiki (``import_original``): the same checks as an upload, the
original bytes kept beside the re-encoded ones, nothing written for an unchanged file, a new
version for a changed one, and a refusal that stores nothing."""

import hashlib

import pytest

from files.inspection import inspect_import
from files.models import Upload
from files.services import UploadRefused, import_original
from files.sources import resolve_source_paths, safe_relative, write_originals

from . import corpus
from .conftest import stored_files

pytestmark = pytest.mark.django_db


def test_an_image_keeps_its_original_bytes_and_is_shown_re_encoded(storage_dir):
    photo = corpus.jpeg_with_gps(900, 600, orientation=1)
    upload, outcome = import_original(photo, source_path="img/Camp Site.JPG", description="Camp")
    version = upload.current_version
    assert outcome == "created" and upload.is_image and upload.uploaded_by is None
    assert upload.source_path == "img/Camp Site.JPG" and upload.source_key == "img/camp site.jpg"
    with version.open_original() as handle:
        assert handle.read() == photo
    with version.open() as handle:
        shown = handle.read()
    assert b"PhoneCo" in photo and b"PhoneCo" not in shown  # GPS and camera gone from the shown
    assert version.original_sha256 == hashlib.sha256(photo).hexdigest() != version.sha256
    assert version.thumbnail_widths == [320, 640]


def test_a_pdf_is_stored_once_its_bytes_being_the_original(storage_dir):
    upload, _ = import_original(corpus.pdf(), source_path="uploads/report.pdf")
    assert upload.current_version.original_storage_name == ""
    assert len(stored_files(storage_dir)) == 1


def test_unchanged_writes_nothing_and_changed_is_a_new_version(storage_dir):
    first = corpus.png(300, 200)
    upload, _ = import_original(first, source_path="img/map.png")
    files = stored_files(storage_dir)
    again, outcome = import_original(first, source_path="img/map.png")
    assert (again.pk, outcome) == (upload.pk, "unchanged") and stored_files(storage_dir) == files
    changed = corpus.png(320, 200, colour=(1, 2, 3))
    again, outcome = import_original(changed, source_path="img/map.png")
    assert (again.pk, outcome) == (upload.pk, "updated")
    assert [v.number for v in upload.versions.all()] == [2, 1]
    with again.current_version.open_original() as handle:
        assert handle.read() == changed


@pytest.mark.parametrize(("data", "code"), [
    (corpus.svg_with_script(), "markup"),
    (b'<svg xmlns="http://www.w3.org/2000/svg"><rect onload="alert(1)"/></svg>', "markup"),
    (b'<svg xmlns="http://www.w3.org/2000/svg"><foreignObject><p>x</p></foreignObject></svg>',
     "markup"),
    (corpus.html_page(), "markup"),
    (corpus.png_html_polyglot(), "markup"),
    (corpus.decompression_bomb(), "too_many_pixels"),
    (b"", "empty"),
    (b"\x00\x01\x02binary nobody knows", "type"),
])
def test_dangerous_or_unknown_files_are_refused_and_nothing_is_stored(storage_dir, data, code):
    with pytest.raises(UploadRefused) as refused:
        import_original(data, source_path="img/x.png")
    assert refused.value.code == code and refused.value.messages[0]
    assert stored_files(storage_dir) == [] and not Upload.objects.exists()


def test_a_file_over_the_import_limit_is_refused(storage_dir, settings):
    settings.FILES_IMPORT_MAX_BYTES = 100
    with pytest.raises(UploadRefused) as refused:
        import_original(corpus.png(300, 300), source_path="img/big.png")
    assert refused.value.code == "too_big"


def test_a_plain_svg_audio_and_video_come_in_as_downloads(storage_dir, client):
    drawing = b'<?xml version="1.0"?>\n<!-- made by hand -->\n<svg xmlns="http://www.w3.org/2000/svg"/>'
    assert inspect_import(drawing, "d.svg").content_type == "image/svg+xml"
    assert inspect_import(b"\x1aE\xdf\xa3" + b"\x00" * 40, "c.webm").content_type == "video/webm"
    assert inspect_import(b"ID3\x04" + b"\x00" * 40, "a.mp3").content_type == "audio/mpeg"
    upload, _ = import_original(drawing, source_path="img/d.svg")
    assert not upload.is_image
    response = client.get(upload.file_url())
    assert response["Content-Disposition"].startswith("attachment")
    assert response["Content-Type"] == "image/svg+xml"
    assert "sandbox" in response["Content-Security-Policy"]


def test_source_paths_resolve_ignoring_case_exact_first_and_live_only(storage_dir):
    upper, _ = import_original(corpus.png(), source_path="img/Logo.png")
    lower, _ = import_original(corpus.png(colour=(9, 9, 9)), source_path="img/logo.png")
    found = resolve_source_paths({"img/logo.png", "IMG/LOGO.PNG", "img/none.png"})
    assert found == {"img/logo.png": lower.file_url(), "IMG/LOGO.PNG": found["IMG/LOGO.PNG"]}
    assert found["IMG/LOGO.PNG"] in {upper.file_url(), lower.file_url()}
    assert resolve_source_paths({"img/Logo.png"}) == {"img/Logo.png": upper.file_url()}
    Upload.objects.filter(pk=upper.pk).update(deleted_at="2025-01-01T00:00Z")
    assert resolve_source_paths({"img/Logo.png"}) == {"img/Logo.png": lower.file_url()}


def test_export_writes_originals_and_never_outside_its_folder(storage_dir, tmp_path):
    photo = corpus.jpeg_with_gps(400, 300, orientation=1)
    import_original(photo, source_path="img/ünï code.jpg")
    bad, _ = import_original(corpus.pdf(), source_path="ok.pdf")
    Upload.objects.filter(pk=bad.pk).update(source_path="../../escape.pdf")
    assert write_originals(tmp_path / "out") == 1
    assert (tmp_path / "out" / "img" / "ünï code.jpg").read_bytes() == photo
    assert not (tmp_path / "escape.pdf").exists()
    assert [safe_relative(p) for p in ("a/b.png", "/a.png", "a/../b", "a//b", "a\\b")] == [
        "a/b.png", None, None, None, None]


def test_export_writes_uploads_pages_show_at_their_url_path_unless_an_import_holds_it(
        storage_dir, tmp_path, ingest_bytes):
    native = ingest_bytes(corpus.png(200, 100), name="garden.png")
    shown_too = ingest_bytes(corpus.png(210, 100, colour=(5, 5, 5)), name="shed.png")
    # An import from another site whose /files/<n>/ is this upload's number: the pages mean it.
    imported, _ = import_original(corpus.png(90, 90), source_path=f"files/{native.pk}/garden.png")
    out = tmp_path / "out"
    assert write_originals(out, also={native.pk, shown_too.pk}) == 2
    with imported.current_version.open_original() as handle:
        assert (out / "files" / str(native.pk) / "garden.png").read_bytes() == handle.read()
    with shown_too.open() as handle:
        assert (out / "files" / str(shown_too.pk) / "shed.png").read_bytes() == handle.read()
