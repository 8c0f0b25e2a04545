"""Each files test gets its own storage folder, so "nothing stored" can be checked on disk."""

import io
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile


@pytest.fixture
def storage_dir(settings, tmp_path):
    location = tmp_path / "files"
    settings.STORAGES = {
        **settings.STORAGES,
        "files": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": str(location)},
        },
    }
    return location


def stored_files(location):
    root = Path(location)
    return sorted(p.relative_to(root).as_posix() for p in root.rglob("*") if p.is_file())


@pytest.fixture
def make_file():
    def make(data, name="file.bin", content_type="application/octet-stream"):
        return SimpleUploadedFile(name, data, content_type=content_type)

    return make


@pytest.fixture
def ingest_bytes(storage_dir):
    """Ingest raw bytes as ``user`` would upload them."""
    from files.services import ingest

    def run(data, name="photo.png", user=None, **kwargs):
        return ingest(io.BytesIO(data), name=name, user=user, **kwargs)

    return run
