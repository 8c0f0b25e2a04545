"""A separate OS process that writes wiki pages while others do, for test_concurrency.

    python -m tests.search.concurrent_writer WORKER_NUMBER    # writes, edits, unpublishes, deletes
    python -m tests.search.concurrent_writer --drift          # prints the drift as JSON
    python -m tests.search.concurrent_writer --search STOPFILE
        # searches through the view until STOPFILE exists, then 10 more; prints status counts
"""

import json
import os
import sys
import time
from collections import Counter
from pathlib import Path

import django


def write(worker):
    from wiki.editing import delete_page, save_page

    for n in range(8):
        path = f"w{worker}/page-{n}"
        page = save_page(path=path, title=f"Worker {worker} page {n}",
                         markdown=f"shared words from worker {worker}", author=None).page
        # Everyone edits the same page too, so writes to one object interleave.
        save_page(path="shared", title="Shared", markdown=f"last edit by {worker} {n}",
                  author=None)
        if n % 3 == 1:
            save_page(path=path, title=page.title, markdown="now unpublished", author=None,
                      published=False)
        if n % 4 == 2:
            delete_page(page, by=None)


def drift():
    from search.maintenance import check
    from search.models import IndexUpdate

    found = check()
    return {"missing": found.missing, "stale": found.stale, "extra": found.extra,
            "queued": IndexUpdate.objects.count()}


def search(stop_file):
    """Search as a visitor would while others save, then once the saving stopped: no answer may
    be a 500, and a process that saw a failure must not keep failing (a stuck worker)."""
    from django.test import Client

    client = Client(HTTP_HOST="localhost", raise_request_exception=False)
    during, after = Counter(), Counter()
    deadline = time.monotonic() + 170
    while not Path(stop_file).exists() and time.monotonic() < deadline:
        during[client.get("/search/", {"q": "shared words"}).status_code] += 1
        time.sleep(0.05)  # a visitor's pace: searching flat out starved the writers of CPU
    for _ in range(10):
        after[client.get("/search/", {"q": "shared words"}).status_code] += 1
    return {"during": during, "after": after}


if __name__ == "__main__":
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "network_societies.settings")
    django.setup()
    if sys.argv[1] == "--drift":
        print(json.dumps(drift()))
    elif sys.argv[1] == "--search":
        print(json.dumps(search(sys.argv[2])))
    else:
        write(int(sys.argv[1]))
