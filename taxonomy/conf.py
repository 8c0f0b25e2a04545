"""The taxonomy's dataset settings, each read when needed (so tests can override them), with
its default here. Documented in README.md's "Examples as a dataset" section.

``DATASET_LICENSE`` / ``DATASET_LICENSE_URL``
    The license exports of the examples carry. Default CC BY-SA 4.0.
``DATASET_PAGE_SIZE``
    Rows per page of the examples directory. Default 50.
``DATASET_IMPORT_MAX_ROWS``
    The most rows one spreadsheet import may have. Default 5,000.
``DATASET_IMPORT_MAX_BYTES``
    The largest spreadsheet file accepted for import. Default 10 MB.
"""

from django.conf import settings


def license_name():
    return getattr(settings, "DATASET_LICENSE", "CC BY-SA 4.0")


def license_url():
    return getattr(
        settings, "DATASET_LICENSE_URL", "https://creativecommons.org/licenses/by-sa/4.0/"
    )


def page_size():
    return getattr(settings, "DATASET_PAGE_SIZE", 50)


def import_max_rows():
    return getattr(settings, "DATASET_IMPORT_MAX_ROWS", 5_000)


def import_max_bytes():
    return getattr(settings, "DATASET_IMPORT_MAX_BYTES", 10 * 1024 * 1024)
