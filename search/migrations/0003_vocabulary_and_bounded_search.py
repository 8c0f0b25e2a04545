"""The vocabulary table (typo tolerance) and, on PostgreSQL, pg_trgm with a trigram index on it,
plus an index on the entries' titles so the best title matches are always candidates."""

import logging

from django.db import DatabaseError, migrations, models, transaction

logger = logging.getLogger(__name__)


def postgres_indexes(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute(
        "CREATE INDEX search_entry_title_gin ON search_searchentry "
        "USING gin (to_tsvector('english'::regconfig, title))"
    )
    try:
        with transaction.atomic(using=schema_editor.connection.alias):
            schema_editor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
    except DatabaseError as error:
        # Creating an extension needs a privileged role on some hosts. Without it, corrections
        # still find words one edit away (search.backends.postgres); check search.W002 says so.
        logger.warning("pg_trgm could not be created, typo tolerance is limited: %s", error)
        return
    schema_editor.execute(
        "CREATE INDEX search_word_trgm ON search_searchword USING gist (word gist_trgm_ops)"
    )


def undo_postgres_indexes(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute("DROP INDEX IF EXISTS search_entry_title_gin")
    schema_editor.execute("DROP INDEX IF EXISTS search_word_trgm")


class Migration(migrations.Migration):

    dependencies = [
        ("search", "0002_outbox_retries"),
    ]

    operations = [
        migrations.CreateModel(
            name="SearchWord",
            fields=[
                ("word", models.CharField(max_length=40, primary_key=True, serialize=False)),
                ("documents", models.PositiveIntegerField(default=0)),
            ],
        ),
        migrations.RunPython(postgres_indexes, undo_postgres_indexes),
    ]
