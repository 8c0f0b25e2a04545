"""Rebuild the search index from the database, in chunks, with a progress bar; documents are
built by one worker process per core unless ``--processes`` says otherwise."""

import time

from django.core.management.base import BaseCommand
from tqdm import tqdm

from search.maintenance import CHUNK_SIZE, rebuild, searchable_count


class Command(BaseCommand):
    help = "Rebuild the whole search index from the database."

    def add_arguments(self, parser):
        parser.add_argument("--chunk-size", type=int, default=CHUNK_SIZE)
        parser.add_argument("--processes", type=int, default=None,
                            help="worker processes building documents (default: one per core)")

    def handle(self, *args, chunk_size, processes, verbosity, **options):
        with tqdm(
            total=searchable_count(), unit="doc", file=self.stderr, disable=verbosity < 1
        ) as progress:
            started = time.perf_counter()
            count = rebuild(chunk_size=chunk_size, progress=progress, processes=processes)
        self.stdout.write(f"Indexed {count} documents in {time.perf_counter() - started:.1f} s.")
