"""The safe-ingest service: type from content, re-encoding, refusals that store nothing."""

import io

import pytest
from django.core.files.storage import storages
from PIL import ExifTags, Image

from files.models import Upload
from files.services import UploadRefused, add_version, ingest

from . import corpus
from .conftest import stored_files

pytestmark = pytest.mark.django_db


def opened(upload, version=None):
    with (version or upload.current_version).open() as handle:
        return handle.read()


def test_gps_exif_is_gone_and_the_photo_is_turned_upright(ingest_bytes, user):
    original = corpus.jpeg_with_gps(60, 40, orientation=6)
    assert Image.open(io.BytesIO(original)).getexif().get_ifd(ExifTags.IFD.GPSInfo)

    upload = ingest_bytes(original, name="IMG_0001.JPG", user=user, description="The square")

    data = opened(upload)
    image = Image.open(io.BytesIO(data))
    assert image.format == "JPEG"
    assert not image.getexif()  # no EXIF at all: no GPS, no camera, no orientation
    assert b"PhoneCo" not in data and b"taken at home" not in data
    assert image.size == (40, 60)  # orientation 6 applied to the pixels
    version = upload.current_version
    assert (version.width, version.height, version.content_type) == (40, 60, "image/jpeg")
    assert upload.name == "IMG_0001.jpg" and upload.is_image
    assert upload.markdown() == f"![The square](/files/{upload.pk}/IMG_0001.jpg)"


REFUSED = [
    ("polyglot", corpus.png_html_polyglot, "photo.png", "markup"),
    ("html after the image", corpus.png_with_html_after_end, "photo.png", "markup"),
    ("svg with script", corpus.svg_with_script, "logo.svg", "markup"),
    ("svg named png", corpus.svg_with_script, "logo.png", "markup"),
    ("html named png", corpus.html_page, "photo.png", "markup"),
    ("html fragment named png", corpus.bare_html_fragment, "photo.png", "markup"),
    ("empty", lambda: b"", "photo.png", "empty"),
    ("bomb", corpus.decompression_bomb, "map.png", "too_many_pixels"),
    ("damaged", corpus.truncated_jpeg, "photo.jpg", "unreadable"),
    ("executable", lambda: b"MZ\x90\x00\x03\x00\x00\x00" + b"\x00" * 64, "setup.png", "type"),
    ("iphone heic", lambda: b"\x00\x00\x00\x18ftypheic\x00\x00\x00\x00mif1heic" + b"\x00" * 64,
     "IMG_0001.HEIC", "type"),
]


@pytest.mark.parametrize(("label", "make", "name", "code"), REFUSED, ids=[r[0] for r in REFUSED])
def test_refusals_say_why_and_store_nothing(ingest_bytes, storage_dir, user, label, make, name,
                                            code):
    with pytest.raises(UploadRefused) as refused:
        ingest_bytes(make(), name=name, user=user)
    assert refused.value.code == code
    assert refused.value.messages[0].endswith(".") and len(refused.value.messages[0]) > 20
    assert Upload.objects.count() == 0
    assert stored_files(storage_dir) == []


def test_a_file_over_the_limit_is_refused_before_it_is_read_whole(
    ingest_bytes, storage_dir, user, settings
):
    settings.FILES_LIMITS = {
        "default": {"max_bytes": 5000, "per_hour": 10, "total_bytes": 10**9},
        "new_account": {"max_bytes": 5000, "per_hour": 10, "total_bytes": 10**9},
    }
    with pytest.raises(UploadRefused, match="too large: the limit is 4.9 KB") as refused:
        ingest_bytes(corpus.noise_png(100, 100), user=user)
    assert refused.value.code == "too_big"
    assert Upload.objects.count() == 0 and stored_files(storage_dir) == []


def test_new_accounts_have_stricter_limits(ingest_bytes, user, make_user, settings):
    from datetime import timedelta

    from django.utils import timezone

    settings.FILES_LIMITS = {
        "default": {"max_bytes": 10**6, "per_hour": 3, "total_bytes": 10**9},
        "new_account": {"max_bytes": 10**6, "per_hour": 1, "total_bytes": 10**9},
    }
    old = make_user("olga", date_joined=timezone.now() - timedelta(days=30))
    ingest_bytes(corpus.png(), user=user)
    with pytest.raises(UploadRefused, match="in the last hour") as refused:
        ingest_bytes(corpus.png(), user=user)
    assert refused.value.code == "rate"
    for _ in range(3):
        ingest_bytes(corpus.png(), user=old)
    with pytest.raises(UploadRefused):
        ingest_bytes(corpus.png(), user=old)


def test_total_space_per_person(ingest_bytes, user, settings):
    settings.FILES_LIMITS = {
        "default": {"max_bytes": 10**6, "per_hour": 100, "total_bytes": 400},
        "new_account": {"max_bytes": 10**6, "per_hour": 100, "total_bytes": 400},
    }
    ingest_bytes(corpus.png(4, 4), user=user)
    with pytest.raises(UploadRefused, match="of space") as refused:
        for _ in range(10):
            ingest_bytes(corpus.png(4, 4), user=user)
    assert refused.value.code == "quota"


def test_moderators_are_not_rate_limited(ingest_bytes, moderator, settings):
    settings.FILES_LIMITS = {
        "default": {"max_bytes": 10**6, "per_hour": 1, "total_bytes": 10**9},
        "new_account": {"max_bytes": 10**6, "per_hour": 1, "total_bytes": 10**9},
    }
    for _ in range(3):
        ingest_bytes(corpus.png(), user=moderator)


@pytest.mark.parametrize(("make", "name", "stored_name", "content_type"), [
    (corpus.png, "diagram.jpeg", "diagram.png", "image/png"),  # the content decides
    (corpus.cmyk_jpeg, "print", "print.jpg", "image/jpeg"),
    (corpus.palette_png_with_transparency, "icon.PNG", "icon.png", "image/png"),
    (corpus.webp, "a.webp", "a.webp", "image/webp"),
    (corpus.gif_animated, "anim.gif", "anim.gif", "image/gif"),
    (corpus.pdf, "report.PDF", "report.pdf", "application/pdf"),
    (lambda: "naïve café, ünïcode\n".encode(), "notes.md", "notes.md", "text/plain; charset=utf-8"),
    (lambda: b"a,b\n1,2\n", "data.exe", "data.txt", "text/plain; charset=utf-8"),
])
def test_accepted_types_get_names_from_their_content(ingest_bytes, user, make, name, stored_name,
                                                     content_type):
    upload = ingest_bytes(make(), name=name, user=user)
    assert upload.name == stored_name
    assert upload.current_version.content_type == content_type


def test_names_lose_paths_and_odd_characters(ingest_bytes, user):
    upload = ingest_bytes(corpus.png(), name="../../etc/pass wd<script>.png", user=user)
    assert upload.name == "pass-wd-script.png"
    upload = ingest_bytes(corpus.png(), name="C:\\Users\\me\\Café über.PNG", user=user)
    assert upload.name == "Café-über.png"
    upload = ingest_bytes(corpus.png(), name="", user=user)
    assert upload.name == "file.png"


def test_animated_gifs_keep_their_frames(ingest_bytes, user):
    upload = ingest_bytes(corpus.gif_animated(frames=3), name="a.gif", user=user)
    assert Image.open(io.BytesIO(opened(upload))).n_frames == 3


def test_thumbnails_are_written_once_for_widths_below_the_image(ingest_bytes, storage_dir, user):
    upload = ingest_bytes(corpus.png(1000, 500), name="wide.png", user=user)
    version = upload.current_version
    assert version.thumbnail_widths == [320, 640]
    storage = storages["files"]
    with storage.open(version.thumbnail_name(640)) as handle:
        assert Image.open(handle).size == (640, 320)
    assert len(stored_files(storage_dir)) == 3


def test_new_versions_keep_the_old_ones(ingest_bytes, user, make_file):
    upload = ingest_bytes(corpus.png(40, 30), name="map.png", user=user)
    first = upload.current_version
    version = add_version(upload, make_file(corpus.png(80, 60, (0, 0, 0))), user=user)
    assert version.number == 2 and upload.current_version == version
    assert (version.width, version.height) == (80, 60)
    assert Image.open(io.BytesIO(opened(upload, first))).size == (40, 30)
    with pytest.raises(UploadRefused, match="must be an image"):
        add_version(upload, make_file(corpus.pdf()), user=user)


def test_dedupe_returns_the_existing_upload(ingest_bytes):
    data = corpus.png()
    first = ingest_bytes(data, name="a.png", dedupe=True)
    again = ingest_bytes(data, name="b.png", dedupe=True)
    assert again == first and Upload.objects.count() == 1


def test_a_failed_write_leaves_no_bytes_behind(ingest_bytes, storage_dir, user, monkeypatch):
    from files import services

    def fail(*args, **kwargs):
        raise RuntimeError("database went away")

    monkeypatch.setattr(services, "_create_version", fail)
    with pytest.raises(RuntimeError):
        ingest_bytes(corpus.png(1000, 500), user=user)
    assert stored_files(storage_dir) == [] and Upload.objects.count() == 0


def test_ingest_accepts_any_file_object(storage_dir, tmp_path):
    path = tmp_path / "photo.png"
    path.write_bytes(corpus.png())
    with path.open("rb") as handle:
        upload = ingest(handle, name=path.name, user=None, check_limits=False)
    assert upload.uploaded_by is None and upload.current_version.size > 0
