"""The taxonomy's work on the task queue: applying a confirmed spreadsheet import, which can take
longer than a request should. A database hiccup retries; a refusal (a row no longer fits) is
recorded on the import for the Editor to see, not retried."""

from django.db import OperationalError

from network_societies.background import retrying


@retrying(attempts=3, backoff=30, on=(OperationalError,))
def apply_import(import_id, user_id):
    from .spreadsheets import apply_queued

    counts = apply_queued(import_id, user_id)
    return counts
