"""Uploads on an S3-compatible object store: a real S3 API server (moto's server mode, started
here on a free port) behind django-storages, as production would use AWS, MinIO or Ceph."""

import io
import os
import socket
import subprocess
import sys
import uuid

import pytest

from files.models import Upload
from files.services import UploadRefused, ingest

from . import corpus
from .conftest import stored_files

pytestmark = pytest.mark.django_db
moto_server = pytest.importorskip("moto.server")
boto3 = pytest.importorskip("boto3")

CREDENTIALS = {"aws_access_key_id": "testing", "aws_secret_access_key": "testing",
               "region_name": "us-east-1"}


def _free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture(scope="module")
def s3_endpoint():
    server = moto_server.ThreadedMotoServer(ip_address="127.0.0.1", port=_free_port(),
                                            verbose=False)
    server.start()
    host, port = server.get_host_and_port()
    yield f"http://{host}:{port}"
    server.stop()


@pytest.fixture
def bucket(settings, s3_endpoint, storage_dir):
    """A fresh bucket, made the uploads' storage; ``storage_dir`` is the local folder that
    must stay empty."""
    name = f"ns-files-{uuid.uuid4().hex[:10]}"
    client = boto3.client("s3", endpoint_url=s3_endpoint, **CREDENTIALS)
    client.create_bucket(Bucket=name)
    settings.STORAGES = {**settings.STORAGES, "files": {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": name, "endpoint_url": s3_endpoint, "region_name": "us-east-1",
            "access_key": "testing", "secret_key": "testing", "default_acl": "private",
            "file_overwrite": False, "location": "site",
        },
    }}

    def keys():
        listed = client.list_objects_v2(Bucket=name).get("Contents", [])
        return sorted(item["Key"] for item in listed)

    return client, name, keys


def test_uploads_go_to_the_object_store(bucket, storage_dir, user):
    client, name, keys = bucket
    photo = corpus.jpeg_with_gps(900, 600, orientation=1)
    upload = ingest(io.BytesIO(photo), name="camp.jpg", user=user)
    version = upload.current_version
    assert keys() == sorted([f"site/{version.storage_name}",
                             f"site/{version.thumbnail_name(320)}",
                             f"site/{version.thumbnail_name(640)}"])
    stored = client.get_object(Bucket=name, Key=f"site/{version.storage_name}")["Body"].read()
    assert stored.startswith(b"\xff\xd8") and b"PhoneCo" not in stored
    assert stored_files(storage_dir) == []


def test_the_site_serves_them_with_its_own_headers(bucket, client, user):
    upload = ingest(io.BytesIO(corpus.png(700, 300)), name="map.png", user=user)
    response = client.get(upload.file_url())
    assert response.status_code == 200
    assert response["X-Content-Type-Options"] == "nosniff"
    assert "sandbox" in response["Content-Security-Policy"]
    assert b"".join(response.streaming_content).startswith(b"\x89PNG")
    assert client.get(upload.thumbnail_url(640)).status_code == 200


def test_a_refused_file_leaves_the_bucket_empty(bucket, user):
    _, _, keys = bucket
    with pytest.raises(UploadRefused):
        ingest(io.BytesIO(corpus.png_html_polyglot()), name="x.png", user=user)
    assert keys() == [] and not Upload.objects.exists()


def test_files_s3_bucket_in_the_environment_selects_s3():
    """settings.py turns FILES_S3_* variables into STORAGES["files"] (read in a fresh process)."""
    env = {**os.environ, "SECRET_KEY": "x" * 50, "FILES_S3_BUCKET": "community-files",
           "FILES_S3_ENDPOINT_URL": "https://s3.example.org", "FILES_S3_PREFIX": "prod"}
    code = ("from network_societies import settings as s; f = s.STORAGES['files']; "
            "print(f['BACKEND'], f['OPTIONS']['bucket_name'], f['OPTIONS']['endpoint_url'], "
            "f['OPTIONS']['location'])")
    out = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True,
                         check=True).stdout.split()
    assert out == ["storages.backends.s3.S3Storage", "community-files", "https://s3.example.org",
                   "prod"]
