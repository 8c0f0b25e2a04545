"""Rebuild the search index from the database, in chunks, with a progress bar."""

from django.core.management.base import BaseCommand
from tqdm import tqdm

from search.maintenance import CHUNK_SIZE, rebuild, searchable_count


class Command(BaseCommand):
    help = "Rebuild the whole search index from the database."

    def add_arguments(self, parser):
        parser.add_argument("--chunk-size", type=int, default=CHUNK_SIZE)

    def handle(self, *args, chunk_size, verbosity, **options):
        with tqdm(
            total=searchable_count(), unit="doc", file=self.stderr, disable=verbosity < 1
        ) as progress:
            count = rebuild(chunk_size=chunk_size, progress=progress)
        self.stdout.write(f"Indexed {count} documents.")
