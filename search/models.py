"""The search app's tables: the outbox of index updates, and the PostgreSQL backend's index."""

from django.db import models
from django.utils import timezone


class IndexUpdateQuerySet(models.QuerySet):
    def ready(self):
        """Rows to apply now: neither parked nor waiting for a retry."""
        return self.filter(parked=False).filter(
            models.Q(retry_at__isnull=True) | models.Q(retry_at__lte=timezone.now())
        )


class IndexUpdate(models.Model):
    """An indexed object that changed: written in the same transaction as the change, and
    removed only once the index holds the object's new state (or its absence). A row left behind
    (index locked, process died) is applied by the next write or by ``manage.py search_sync``.

    A row whose object fails to index is retried on its own with backoff (``retry_at``) while
    the others flow; after ``SEARCH_MAX_ATTEMPTS`` it is parked with its error, shown in the
    admin and by ``search_check``, until someone fixes the cause and retries it."""

    model = models.CharField(max_length=100)  # "wiki.page"
    object_id = models.CharField(max_length=64)
    created_at = models.DateTimeField(auto_now_add=True)
    attempts = models.PositiveSmallIntegerField(default=0)
    retry_at = models.DateTimeField(null=True, blank=True)
    parked = models.BooleanField(default=False)
    error = models.TextField(blank=True)

    objects = IndexUpdateQuerySet.as_manager()

    class Meta:
        indexes = [models.Index(fields=["parked", "retry_at"], name="search_update_ready")]

    def __str__(self):
        return f"{self.model}:{self.object_id}"


class SearchEntry(models.Model):
    """One document of the PostgreSQL backend: a weighted tsvector (GIN-indexed, created by the
    migration only on PostgreSQL) and the text snippets are cut from."""

    model = models.CharField(max_length=100)
    object_id = models.CharField(max_length=64)
    search_type = models.CharField(max_length=20)
    title = models.TextField()
    snippet = models.TextField(blank=True)
    filters = models.JSONField(default=list)  # ["tag_slugs=pop-ups", "scale=small"]
    digest = models.CharField(max_length=40)
    # A tsvector on PostgreSQL; the column exists but stays empty on SQLite (never queried there).
    vector = models.TextField(null=True, editable=False)

    class Meta:
        verbose_name_plural = "search entries"
        constraints = [
            models.UniqueConstraint(fields=["model", "object_id"], name="search_entry_object"),
        ]

    def __str__(self):
        return f"{self.model}:{self.object_id}"


class SearchWord(models.Model):
    """A word of the PostgreSQL backend's vocabulary (search.vocabulary), for "Did you mean …".

    ``documents`` counts the documents indexed with the word since the last rebuild, a measure
    of how common it is: replacing a document counts its words again and deleting one does not
    subtract them, so a correction is only offered once a search for it finds something. The
    migration adds a trigram index when PostgreSQL's pg_trgm extension can be created."""

    word = models.CharField(max_length=40, primary_key=True)
    documents = models.PositiveIntegerField(default=0)

    def __str__(self):
        return self.word
