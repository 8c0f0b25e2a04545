"""File pages, the upload endpoint, serving headers, versions, delete and restore."""

import io

import pytest
from django.urls import reverse
from PIL import Image

from files.models import Upload
from files.services import ingest

from . import corpus
from .conftest import stored_files

pytestmark = pytest.mark.django_db


@pytest.fixture
def photo(storage_dir, user):
    return ingest(io.BytesIO(corpus.png(1000, 500)), name="square.png", user=user,
                  description="The village square at dusk")


@pytest.fixture
def document(storage_dir, user):
    return ingest(io.BytesIO(corpus.pdf()), name="minutes.pdf", user=user)


def test_upload_answers_json_for_the_editors(user_client, storage_dir, make_file):
    response = user_client.post(
        reverse("files:upload"),
        {"file": make_file(corpus.jpeg_with_gps(), "IMG_1.jpeg"), "description": "A [b] photo"},
        HTTP_ACCEPT="application/json",
    )
    assert response.status_code == 201
    data = response.json()
    upload = Upload.objects.get()
    assert data["markdown"] == rf"![A \[b\] photo](/files/{upload.pk}/IMG_1.jpg)"
    assert data["url"] == f"/files/{upload.pk}/IMG_1.jpg" and data["is_image"]


def test_a_refusal_is_a_json_message_and_stores_nothing(user_client, storage_dir, make_file):
    response = user_client.post(
        reverse("files:upload"), {"file": make_file(corpus.html_page(), "cat.png")},
        HTTP_ACCEPT="application/json",
    )
    assert response.status_code == 400
    assert "HTML or script" in response.json()["error"]
    assert not Upload.objects.exists() and stored_files(storage_dir) == []


def test_the_upload_form_works_without_javascript(user_client, storage_dir, make_file):
    assert user_client.get(reverse("files:upload")).status_code == 200
    response = user_client.post(reverse("files:upload"), {"file": make_file(corpus.pdf(), "a.pdf")})
    upload = Upload.objects.get()
    assert response.status_code == 302 and response.url == upload.get_absolute_url()
    response = user_client.post(reverse("files:upload"), {"file": make_file(b"", "a.pdf")})
    assert response.status_code == 400 and b"This file is empty" in response.content


def test_uploading_needs_an_account(client, storage_dir, make_file):
    response = client.post(reverse("files:upload"), {"file": make_file(corpus.png(), "a.png")})
    assert response.status_code == 302 and "/accounts/login/" in response.url
    assert not Upload.objects.exists()


def test_images_are_served_inline_sandboxed_and_not_sniffed(client, photo):
    response = client.get(photo.file_url())
    assert response.status_code == 200
    assert response["Content-Type"] == "image/png"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert "sandbox" in response["Content-Security-Policy"]
    assert "default-src 'none'" in response["Content-Security-Policy"]
    assert response["Content-Disposition"].startswith("inline")
    assert Image.open(io.BytesIO(b"".join(response.streaming_content))).size == (1000, 500)
    again = client.get(photo.file_url(), HTTP_IF_NONE_MATCH=response["ETag"])
    assert again.status_code == 304


def test_other_files_are_downloads(client, document):
    response = client.get(document.file_url())
    assert response["Content-Disposition"].startswith('attachment; filename="minutes.pdf"')
    assert response["Content-Type"] == "application/pdf"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert "sandbox" in response["Content-Security-Policy"]


def test_thumbnails_and_versions_are_served(client, photo, user, make_file):
    from files.services import add_version

    thumb = client.get(photo.thumbnail_url(640))
    assert Image.open(io.BytesIO(b"".join(thumb.streaming_content))).size == (640, 320)
    add_version(photo, make_file(corpus.png(200, 100)), user=user)
    # Pages rendered before the new version still ask for its 640 px thumbnail: they get the
    # new, smaller original instead of a broken image.
    stale = client.get(photo.thumbnail_url(640))
    assert Image.open(io.BytesIO(b"".join(stale.streaming_content))).size == (200, 100)
    old = client.get(reverse("files:version", args=[photo.pk, 1, photo.name]))
    assert Image.open(io.BytesIO(b"".join(old.streaming_content))).size == (1000, 500)
    assert "immutable" in old["Cache-Control"]
    current = client.get(photo.file_url())
    assert Image.open(io.BytesIO(b"".join(current.streaming_content))).size == (200, 100)


def test_file_page_shows_preview_uploader_versions_and_markdown(client, photo,
                                                                django_assert_max_num_queries):
    with django_assert_max_num_queries(12):
        response = client.get(photo.get_absolute_url())
    html = response.content.decode()
    assert 'alt="The village square at dusk"' in html
    assert f'srcset="/files/{photo.pk}/w320/square.png 320w' in html
    assert 'width="1000" height="500"' in html and 'loading="lazy"' in html
    assert "alice" in html and "v1" in html
    assert f"![The village square at dusk](/files/{photo.pk}/square.png)" in html
    assert "Not used in any page" in html


def test_only_the_uploader_and_editors_change_a_file(client, photo, other_user, editor):
    url = reverse("files:describe", args=[photo.pk])
    client.force_login(other_user)
    assert client.post(url, {"description": "vandal"}).status_code == 403
    client.force_login(editor)
    client.post(url, {"description": "Dusk over the square"})
    photo.refresh_from_db()
    assert photo.description == "Dusk over the square"


def test_moderators_delete_into_the_recycle_bin_and_restore(client, photo, user, moderator):
    client.force_login(user)
    assert client.post(reverse("files:delete", args=[photo.pk])).status_code == 403
    client.force_login(moderator)
    client.post(reverse("files:delete", args=[photo.pk]))
    photo.refresh_from_db()
    assert photo.is_deleted and photo.deleted_by == moderator
    assert photo.name in client.get(reverse("files:recycle_bin")).content.decode()
    client.logout()
    assert client.get(photo.file_url()).status_code == 404
    assert client.get(photo.get_absolute_url()).status_code == 404
    assert photo.name not in client.get(reverse("files:list")).content.decode()
    client.force_login(moderator)
    client.post(reverse("files:restore", args=[photo.pk]))
    client.logout()
    assert client.get(photo.file_url()).status_code == 200


def test_list_searches_names_and_descriptions(client, photo, document, storage_dir, user,
                                              django_assert_max_num_queries):
    for i in range(30):
        ingest(io.BytesIO(corpus.png(10 + i, 10)), name=f"filler-{i}.png", user=user,
               check_limits=False)
    with django_assert_max_num_queries(8):
        html = client.get(reverse("files:list"), {"q": "village dusk"}).content.decode()
    assert "square.png" in html and "minutes.pdf" not in html and "filler-1.png" not in html
    html = client.get(reverse("files:list"), {"kind": "other"}).content.decode()
    assert "minutes.pdf" in html and "square.png" not in html


def test_editors_set_a_cover_for_an_example_and_its_page_shows_it(client, storage_dir, editor,
                                                                   user, make_file):
    from django.contrib.contenttypes.models import ContentType

    from taxonomy.models import Example

    example = Example.objects.create(name="Zuzalu", slug="zuzalu")
    url = reverse("files:cover", args=[ContentType.objects.get_for_model(Example).pk, example.pk])
    data = {"description": "The first Zuzalu", "next": example.get_absolute_url()}
    client.force_login(user)
    refused = client.post(url, {**data, "file": make_file(corpus.png(900, 400), "z.png")})
    assert refused.status_code == 403
    assert not Upload.objects.exists()

    client.force_login(editor)
    response = client.post(url, {**data, "file": make_file(corpus.png(900, 400), "z.png")})
    assert response.status_code == 302 and response.url == example.get_absolute_url()
    html = client.get(example.get_absolute_url()).content.decode()
    cover = Upload.objects.get()
    assert 'class="files-cover"' in html and 'alt="The first Zuzalu"' in html
    assert f"/files/{cover.pk}/w640/z.png" in html and "Change the cover image" in html
    client.logout()
    assert "Add a cover image" not in client.get(example.get_absolute_url()).content.decode()

    client.force_login(editor)
    client.post(url, {"remove": "1"})
    assert 'class="files-cover"' not in client.get(example.get_absolute_url()).content.decode()


def test_covers_only_for_registered_models(client, storage_dir, editor, make_file):
    from django.contrib.contenttypes.models import ContentType

    client.force_login(editor)
    url = reverse("files:cover", args=[ContentType.objects.get_for_model(Upload).pk, 1])
    assert client.post(url, {"file": make_file(corpus.png(), "a.png")}).status_code == 404


def test_deleting_a_file_in_use_warns_and_shows_where(client, photo, moderator):
    from wiki.editing import save_page

    save_page(path="places/square", title="The square", markdown=photo.markdown(), author=None)
    client.force_login(moderator)
    html = client.get(reverse("files:delete", args=[photo.pk])).content.decode()
    assert "This file is in use" in html and 'href="/places/square"' in html
    assert "Delete it anyway" in html


def test_admin_changes_go_through_the_services(client, photo, make_user):
    admin = make_user("root", is_staff=True, is_superuser=True)
    client.force_login(admin)
    url = reverse("admin:files_upload_change", args=[photo.pk])
    assert client.get(url).status_code == 200
    client.post(url, {"description": "  Dusk,\n the square  ", "versions-TOTAL_FORMS": "1",
                      "versions-INITIAL_FORMS": "1", "versions-MIN_NUM_FORMS": "0",
                      "versions-MAX_NUM_FORMS": "1000",
                      "versions-0-id": photo.current_version.pk, "versions-0-upload": photo.pk})
    photo.refresh_from_db()
    assert photo.description == "Dusk, the square"
    client.post(reverse("admin:files_upload_changelist"),
                {"action": "move_to_recycle_bin", "_selected_action": [photo.pk]})
    photo.refresh_from_db()
    assert photo.is_deleted and photo.deleted_by == admin


def test_a_body_far_over_the_limit_is_refused_before_it_is_read(user_client, storage_dir,
                                                                 settings):
    settings.FILES_LIMITS = {
        "default": {"max_bytes": 1000, "per_hour": 10, "total_bytes": 10**9},
        "new_account": {"max_bytes": 1000, "per_hour": 10, "total_bytes": 10**9},
    }
    response = user_client.post(reverse("files:upload"), {"file": "x"},
                                HTTP_ACCEPT="application/json", CONTENT_LENGTH=10**9)
    assert response.status_code == 413
    assert "too large: the limit is 1,000 bytes" in response.json()["error"]
    assert stored_files(storage_dir) == []
