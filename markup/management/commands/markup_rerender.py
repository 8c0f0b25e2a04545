"""Re-render stored HTML made by an older renderer (run after a deploy that bumps
``markup.RENDERER_VERSION``), in chunks, printing progress per model."""

from django.core.management.base import BaseCommand

from markup import pipeline
from markup.rerender import CHUNK_SIZE, rerender_stale_html


class Command(BaseCommand):
    help = "Re-render stored HTML (pages, descriptions, posts) made by an older markup renderer."

    def add_arguments(self, parser):
        parser.add_argument("--chunk-size", type=int, default=CHUNK_SIZE)

    def handle(self, *args, chunk_size, verbosity, **options):
        def progress(model, done, total):
            if verbosity >= 1:
                self.stdout.write(f"{model._meta.label_lower}: {done}/{total}")

        count = rerender_stale_html(chunk_size=chunk_size, progress=progress)
        version = pipeline.RENDERER_VERSION
        self.stdout.write(f"Re-rendered {count} texts with renderer version {version}.")
