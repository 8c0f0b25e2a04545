"""Wiki.js assets come in with the pages that reference them, show on those pages, keep their
original bytes, and go back out at their paths: export → import → export is byte for byte."""

import hashlib
import io
import re
import shutil
import subprocess
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from PIL import Image

from files.models import Upload, UploadVersion
from wiki.models import Page, PageLink, Revision

from .wikijs_assets_corpus import ASSETS, PAGES, REFUSED, STORED, png, write_corpus

pytestmark = pytest.mark.django_db


def run(command, *args):
    out, err = StringIO(), StringIO()
    try:
        call_command(command, *map(str, args), stdout=out, stderr=err)
    except CommandError as error:
        return out.getvalue(), err.getvalue(), error
    return out.getvalue(), err.getvalue(), None


@pytest.fixture
def storage(settings, tmp_path):
    location = tmp_path / "storage"
    settings.STORAGES = {**settings.STORAGES, "files": {
        "BACKEND": "django.core.files.storage.FileSystemStorage",
        "OPTIONS": {"location": str(location)},
    }}
    return location


@pytest.fixture
def wiki(tmp_path, storage):
    return write_corpus(tmp_path / "wiki")


def stored_files(location):
    return {p.relative_to(location).as_posix(): p.read_bytes()
            for p in Path(location).rglob("*") if p.is_file()}


def html_of(path):
    return Page.objects.get(path=path).current_revision.html


def upload_at(source_path):
    return Upload.objects.get(source_path=source_path)


def test_referenced_assets_come_in_once_each_with_their_original_bytes(wiki):
    out, err, error = run("import_wikijs", wiki)
    assert error is None, err
    assert set(Upload.objects.values_list("source_path", flat=True)) == STORED
    for path in STORED:
        with upload_at(path).current_version.open_original() as handle:
            assert handle.read() == ASSETS[path], path
    # Shown re-encoded (the camera's EXIF gone), kept as it came (EXIF there).
    photo = upload_at("img/café-ünïcode.jpg")
    with photo.open() as shown:
        assert "Make" not in str(Image.open(io.BytesIO(shown.read())).getexif().items())
        assert Image.open(io.BytesIO(ASSETS["img/café-ünïcode.jpg"])).getexif()[0x010F] == "TestCam"
    assert photo.current_version.original_sha256 == hashlib.sha256(
        ASSETS["img/café-ünïcode.jpg"]).hexdigest()
    # The first alt text found describes an image; the page's own alt text still wins on it.
    assert upload_at("img/Map of Hubs.PNG").description == "Map of the hubs"


def test_the_summary_counts_assets_and_names_each_refused_and_missing_one(wiki):
    out, err, error = run("import_wikijs", wiki)
    assert error is None, err
    assert (f"Assets: {len(STORED) + len(REFUSED)} referenced files: {len(STORED)} created, "
            f"0 updated, 0 unchanged, {len(REFUSED)} refused") in out
    assert "references to files the export does not have" in out
    assert "1 files no page references were left out" in out  # notes/, not .hidden/
    for path, reason in REFUSED.items():
        line = next(line for line in err.splitlines() if line.startswith(str(wiki / path)))
        assert reason in line and "asset refused" in line
    assert "/Guides/Visa Guide: references /img/missing.png, which is not in the export" in err
    assert "references apply/Form.pdf" in err
    assert Page.objects.count() == len(PAGES)  # every page still imports


def test_pages_show_their_assets_with_the_text_kept_as_written(wiki, client):
    run("import_wikijs", wiki)
    page = Page.objects.get(path="Guides/Visa Guide")
    assert page.current_revision.markdown == PAGES["en/Guides/Visa Guide.md"].split("---\n\n", 1)[1]
    body = client.get("/Guides/Visa%20Guide").content.decode()
    hubs, form, cafe, shared, logo, drawing, clip = (upload_at(p) for p in (
        "img/Map of Hubs.PNG", "uploads/Visa Form 2024.pdf", "img/café-ünïcode.jpg",
        "img/shared.png", "img/logo.png", "img/plain.svg", "uploads/clip.webm"))
    # %20, ?v=2 and =600x: the map at the writer's width, with its thumbnails.
    assert re.search(rf'<img alt="Map of the hubs" src="/files/{hubs.pk}/w640/[^"]+" srcset="'
                     rf'[^"]*" sizes="[^"]*" width="600" height="300"', body)
    assert f'href="/files/{form.pk}/Visa-Form-2024.pdf"' in body
    assert f'src="/files/{cafe.pk}/' in body and f'src="/files/{shared.pk}/' in body
    assert f'/files/{logo.pk}/' in body  # /IMG/LOGO.png: the file is img/logo.png
    assert f'src="/files/{drawing.pk}/plain.svg"' in body
    assert f'src="/files/{clip.pk}/clip.webm"' in body
    # Refused and missing: left as written, never served from here.
    assert 'src="/img/evil.svg"' in body and 'src="/img/missing.png"' in body
    # The nested page in another locale, relative both to the locale's folder and its own.
    deep = html_of("ja/Guides/Nested/deep")
    assert f"/files/{shared.pk}/" in deep
    assert f"/files/{upload_at('ja/Guides/Nested/diagram.png').pk}/" in deep
    # The HTML page: <img src> in both quotes, <a href> relative to the page's address.
    html_page = html_of("html/page")
    assert f'src="/files/{shared.pk}/' in html_page and f"/files/{hubs.pk}/" in html_page
    assert f'href="/files/{form.pk}/Visa-Form-2024.pdf"' in html_page


def test_a_shared_asset_is_one_file_used_by_both_pages(wiki, client, admin_client):
    run("import_wikijs", wiki)
    shared = upload_at("img/shared.png")
    assert f"/files/{shared.pk}/" in html_of("travel")
    assert f"/files/{shared.pk}/" in html_of("Guides/Visa Guide")
    detail = admin_client.get(f"/files/{shared.pk}/").content.decode()
    for title in ("Visa guide", "Travel", "深いページ", "An HTML page"):
        assert title in detail


def test_served_assets_stay_inert(wiki, client):
    run("import_wikijs", wiki)
    drawing = upload_at("img/plain.svg")
    response = client.get(drawing.file_url())
    assert response["Content-Type"] == "image/svg+xml"
    assert response["Content-Disposition"].startswith("attachment")
    assert "sandbox" in response["Content-Security-Policy"]
    assert response["X-Content-Type-Options"] == "nosniff"
    with drawing.current_version.open_original() as handle:
        assert handle.read() == ASSETS["img/plain.svg"]
    assert not Upload.objects.filter(source_path="img/evil.svg").exists()


def test_relative_page_links_resolve_as_in_wiki_js_and_missing_ones_are_red(wiki, client):
    run("import_wikijs", wiki)
    guide = client.get("/Guides/Visa%20Guide").content.decode()
    # "../travel": a file-like path the browser resolved from /en/Guides/Visa Guide.
    assert 'href="/travel"' in guide and 'href="/travel" class="redlink"' not in guide
    # "apply/now": relative to the page as a folder; no such page, so red.
    assert re.search(r'<a href="/guides/visa guide/apply/now" class="redlink"', guide, re.I)
    assert 'href="#visas"' in guide
    travel = client.get("/travel").content.decode()
    assert '<a href="/Guides/Visa%20Guide">Back to the guide</a>' in travel
    assert re.search(r'<a href="/travel/guides/nowhere" class="redlink"', travel, re.I)
    home = html_of("home")
    assert 'href="/Guides/Visa%20Guide"' in home  # from home, relative to the root
    deep = client.get("/ja/Guides/Nested/deep").content.decode()
    assert re.search(r"<a href=\"/ja/guides/overview\" class=\"redlink\"", deep, re.I)
    # What links here knows the resolved links.
    assert PageLink.objects.filter(source__path="travel", target_path="guides/visa guide").exists()


def test_reimporting_an_unchanged_wiki_writes_nothing_assets_included(wiki, storage):
    run("import_wikijs", wiki)
    before = (Upload.objects.count(), UploadVersion.objects.count(), Revision.objects.count(),
              stored_files(storage))
    out, err, error = run("import_wikijs", wiki)
    assert error is None, err
    assert f"0 created, 0 updated, {len(STORED)} unchanged, {len(REFUSED)} refused" in out
    after = (Upload.objects.count(), UploadVersion.objects.count(), Revision.objects.count(),
             stored_files(storage))
    assert after == before


def test_a_changed_asset_becomes_a_new_version_and_the_page_shows_it(
        wiki, client, django_capture_on_commit_callbacks):
    run("import_wikijs", wiki)
    shared = upload_at("img/shared.png")
    (wiki / "img" / "shared.png").write_bytes(png((255, 0, 255), (640, 480)))
    with django_capture_on_commit_callbacks(execute=True):
        out, err, error = run("import_wikijs", wiki)
    assert error is None, err
    assert "1 updated" in out
    shared.refresh_from_db()
    assert shared.current_version.number == 2 and shared.versions.count() == 2
    with shared.current_version.open_original() as handle:
        assert handle.read() == (wiki / "img" / "shared.png").read_bytes()
    # The pages were not changed, but show the new size once re-rendered (the markup task).
    from markup.rerender import rerender_stale_html

    rerender_stale_html()
    assert 'width="640" height="480"' in client.get("/travel").content.decode()


def test_an_asset_added_later_shows_on_the_unchanged_page_referencing_it(wiki, client):
    missing = wiki / "img" / "missing.png"
    run("import_wikijs", wiki)
    assert 'src="/img/missing.png"' in html_of("Guides/Visa Guide")
    missing.write_bytes(png((1, 2, 3), (50, 50)))
    out, _, _ = run("import_wikijs", wiki)
    assert "1 created" in out and "0 created, 0 updated, 5 unchanged" in out
    from markup.rerender import rerender_stale_html

    rerender_stale_html()
    assert f"/files/{upload_at('img/missing.png').pk}/" in html_of("Guides/Visa Guide")


def test_export_import_export_round_trips_every_page_asset_and_locale(wiki, tmp_path):
    run("import_wikijs", wiki)
    first, second = tmp_path / "first", tmp_path / "second"
    out, _, _ = run("export_wikijs", first)
    assert f"and {len(STORED)} assets" in out
    for path in STORED:  # the assets as they were in Wiki.js, byte for byte
        assert (first / path).read_bytes() == ASSETS[path], path
    Revision.objects.all().delete()
    Page.objects.all().delete()
    for upload in Upload.objects.all():
        upload.versions.all().delete()
    Upload.objects.all().delete()
    out, err, error = run("import_wikijs", first)
    assert error is None, err
    assert f"{len(STORED)} created" in out
    run("export_wikijs", second)
    files = sorted(p.relative_to(first) for p in first.rglob("*") if p.is_file())
    assert files == sorted(p.relative_to(second) for p in second.rglob("*") if p.is_file())
    assert all((first / f).read_bytes() == (second / f).read_bytes() for f in files)
    assert {"en/home.md", "ja/Guides/Nested/deep.md", "en/html/page.html",
            "img/café-ünïcode.jpg", "ja/Guides/Nested/diagram.png"} <= {f.as_posix() for f in files}


def test_a_symbolic_link_out_of_the_folder_is_not_read(wiki, tmp_path):
    secret = tmp_path / "secret.png"
    secret.write_bytes(png((9, 9, 9), (20, 20)))
    (wiki / "img" / "leak.png").symlink_to(secret)
    (wiki / "en" / "leak.md").write_text(
        PAGES["en/travel.md"].replace("img/shared.png", "img/leak.png"))
    out, err, error = run("import_wikijs", wiki)
    assert "img/leak.png: asset refused: A symbolic link out of the folder" in err
    assert not Upload.objects.filter(source_path="img/leak.png").exists()


def test_the_editor_previews_an_imported_page_with_its_files(wiki, user_client):
    run("import_wikijs", wiki)
    shared = upload_at("img/shared.png")
    editor = user_client.get("/wiki/edit/travel").content.decode()
    assert 'data-page-path="travel"' in editor
    assert f'src="/files/{shared.pk}/' in editor  # the first preview, rendered with the page
    text = "![again](img/shared.png) [up](../Guides/Visa%20Guide)"
    live = user_client.post("/markup/preview/", {"text": text, "path": "travel"}).content.decode()
    assert f'src="/files/{shared.pk}/' in live and 'href="/Guides/Visa%20Guide"' in live
    bare = user_client.post("/markup/preview/", {"text": text}).content.decode()
    assert 'src="img/shared.png"' in bare  # no page: nothing to resolve from


def test_a_moved_page_resolves_its_references_from_its_new_path(
        wiki, moderator, django_capture_on_commit_callbacks):
    from wiki.editing import move_page

    run("import_wikijs", wiki)
    page = Page.objects.get(path="travel")
    with django_capture_on_commit_callbacks(execute=True):
        move_page(page, "archive/travel", by=moderator)
    from markup.rerender import rerender_stale_html

    rerender_stale_html()
    # "img/shared.png" from /en/archive/travel is archive/img/shared.png: not in the export.
    assert 'src="img/shared.png"' in html_of("archive/travel")
    assert 'href="/archive/travel/Guides/Nowhere"' in html_of("archive/travel")


def test_an_old_wiki_js_asset_address_leads_to_the_imported_file(wiki, client):
    run("import_wikijs", wiki)
    form = upload_at("uploads/Visa Form 2024.pdf")
    response = client.get("/uploads/Visa%20Form%202024.pdf")
    assert response.status_code == 301 and response["Location"] == form.file_url()
    assert client.get("/uploads/nothing.pdf").status_code == 404


@pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")
def test_a_git_history_replay_brings_the_checked_out_assets_first(tmp_path, storage):
    from .test_wikijs_git import commit, page_file

    repo = tmp_path / "repo"
    (repo / "en").mkdir(parents=True)
    subprocess.run(["git", "init", "-q", str(repo)], check=True)
    (repo / "en" / "hub.md").write_text(page_file("Hub", "No picture yet.\n"))
    commit(repo, "Ada Lovelace", "2024-01-02T10:00:00+00:00", "Create the hub page")
    (repo / "uploads").mkdir()
    (repo / "uploads" / "Hub Photo.png").write_bytes(ASSETS["img/shared.png"])
    (repo / "en" / "hub.md").write_text(page_file("Hub", "![Hub](/uploads/Hub%20Photo.png)\n"))
    commit(repo, "Grace Hopper", "2024-02-03T11:30:00+00:00", "Add a photo")
    out, err, error = run("import_wikijs", "--git", repo)
    assert error is None, err
    assert "Assets: 1 referenced files: 1 created" in out
    photo = upload_at("uploads/Hub Photo.png")
    page = Page.objects.get(path="hub")
    assert page.revisions.count() == 2 and f"/files/{photo.pk}/" in page.current_revision.html


def test_references_in_code_are_examples_not_assets():
    from wiki.wikijs_assets import references

    body = ("Real: ![a](/img/a.png)\n```html\n<img src=\"/img/example.png\">\n```\n"
            "- in a list:\n  ~~~\n  ![b](/img/b.png)\n  ~~~\n"
            "Inline `![c](/img/c.png)` and ``<img src='/img/d.png'>``.\n"
            "<pre><code>&lt;img src=\"/img/e.png\"&gt;</code></pre>\n"
            "<p><img src='/img/f.png'></p>\n[ref]: /uploads/g.pdf\n")
    assert [url for url, _, _ in references(body)] == ["/img/a.png", "/uploads/g.pdf",
                                                       "/img/f.png"]
    assert references("![Alt text](x.png =600x)") == [("x.png", "Alt text", True)]
    # A stray backtick does not hide the next paragraph's image.
    assert references("It costs 5` a night.\n\n![h](/img/h.png) and ` more") == [
        ("/img/h.png", "h", True)]


def test_files_uploaded_here_go_out_and_come_back_with_the_pages(storage, tmp_path, user):
    from files.services import ingest
    from wiki.editing import save_page

    photo = ingest(io.BytesIO(png((10, 200, 10), (500, 300))), name="garden.png", user=user,
                   description="The garden")
    save_page(path="garden", title="Garden", markdown=photo.markdown() + "\n", author=user)
    first, second = tmp_path / "first", tmp_path / "second"
    out, _, _ = run("export_wikijs", first)
    assert "and 1 assets" in out
    exported = first / "files" / str(photo.pk) / "garden.png"
    with photo.open() as handle:
        assert exported.read_bytes() == handle.read()
    Revision.objects.all().delete()
    Page.objects.all().delete()
    UploadVersion.objects.all().delete()
    Upload.objects.all().delete()
    out, err, error = run("import_wikijs", first)
    assert error is None, err
    imported = upload_at(f"files/{photo.pk}/garden.png")
    assert f'src="/files/{imported.pk}/' in html_of("garden") and imported.pk != photo.pk
    run("export_wikijs", second)
    files = sorted(p.relative_to(first) for p in first.rglob("*") if p.is_file())
    assert files == sorted(p.relative_to(second) for p in second.rglob("*") if p.is_file())
    assert all((first / f).read_bytes() == (second / f).read_bytes() for f in files)
