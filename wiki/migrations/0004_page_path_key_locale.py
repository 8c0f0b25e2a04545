"""Paths keep their case (Wiki.js's rules); ``path_key`` makes lookups and uniqueness ignore it.
Pages get their locale, the key their translations share, and their editor (markdown or html)."""

from django.conf import settings
from django.db import migrations, models

LOCALE_CHARS = set("abcdefghijklmnopqrstuvwxyz")


def _split(path):
    first, _, rest = path.partition("/")
    letters = first.lower().replace("-", "")
    looks_like_locale = rest and len(first) in (2, 5) and set(letters) <= LOCALE_CHARS and (
        len(first) == 2 or first[2] == "-"
    )
    return (first.lower(), rest) if looks_like_locale else (settings.WIKI_DEFAULT_LOCALE, path)


def fill_keys(apps, schema_editor):
    Page = apps.get_model("wiki", "Page")
    for page in Page.objects.only("pk", "path").iterator(chunk_size=500):
        locale, rest = _split(page.path)
        Page.objects.filter(pk=page.pk).update(
            path_key=page.path.lower(), locale=locale, translation_key=rest.lower()
        )
    PageRedirect = apps.get_model("wiki", "PageRedirect")
    for redirect in PageRedirect.objects.only("pk", "old_path").iterator(chunk_size=500):
        if redirect.old_path != redirect.old_path.lower():
            PageRedirect.objects.filter(pk=redirect.pk).update(old_path=redirect.old_path.lower())


class Migration(migrations.Migration):
    dependencies = [("wiki", "0003_revision_published")]

    operations = [
        migrations.AddField(
            model_name="page", name="path_key",
            field=models.CharField(default="", editable=False, max_length=255),
            preserve_default=False,
        ),
        migrations.AddField(
            model_name="page", name="locale",
            field=models.CharField(default="", editable=False, max_length=5),
        ),
        migrations.AddField(
            model_name="page", name="translation_key",
            field=models.CharField(db_index=True, default="", editable=False, max_length=255),
        ),
        migrations.AddField(
            model_name="page", name="editor",
            field=models.CharField(default="markdown", max_length=20),
        ),
        migrations.AddField(
            model_name="revision", name="markup",
            field=models.CharField(default="markdown", editable=False, max_length=10),
        ),
        migrations.AddField(
            model_name="revision", name="author_name",
            field=models.CharField(blank=True, max_length=150),
        ),
        migrations.AddField(
            model_name="revision", name="import_ref",
            field=models.CharField(blank=True, db_index=True, max_length=64),
        ),
        migrations.RunPython(fill_keys, migrations.RunPython.noop),
        migrations.AlterField(
            model_name="page", name="path_key",
            field=models.CharField(editable=False, max_length=255, unique=True),
        ),
    ]
