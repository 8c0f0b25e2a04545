"""System checks: the storage uploads go to must be configured, and S3 needs its library."""

from django.conf import settings
from django.core import checks

from . import app_settings


@checks.register(checks.Tags.compatibility)
def check_storage(app_configs, **kwargs):
    alias = app_settings.get("FILES_STORAGE")
    if alias not in settings.STORAGES:
        return [checks.Error(
            f'STORAGES has no "{alias}" entry, so uploads have nowhere to go.',
            hint='Add STORAGES["files"] (see network_societies/settings.py), or set FILES_STORAGE '
                 "to an alias that exists.",
            id="files.E001",
        )]
    backend = settings.STORAGES[alias].get("BACKEND", "")
    if backend.startswith("storages.backends.s3"):
        try:
            import boto3  # noqa: F401
        except ImportError:
            return [checks.Error(
                "Uploads are configured for S3 but boto3 is not installed.",
                hint='pip install "django-storages[s3]"', id="files.E002",
            )]
    return []
