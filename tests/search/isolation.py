"""Each test indexes into its own search index, so no test ever sees another's documents.

The Whoosh folder is only a path until something is indexed, so tests that never index pay
nothing. The PostgreSQL backend's table is rolled back with the test's transaction anyway.
"""

import itertools
import os
import shutil
from contextlib import contextmanager

from django.conf import settings
from django.test import override_settings

from search import backends

_numbers = itertools.count()


@contextmanager
def isolated_index(copy_of=None):
    """An index of its own for the code inside; ``copy_of`` (a path this yielded) starts it as a
    copy of another one, so a module can index its fixture once and each test change a copy."""
    configured = settings.SEARCH_BACKENDS
    path = f"{configured['whoosh']['PATH']}-{os.getpid()}-{next(_numbers)}"
    if copy_of and os.path.isdir(copy_of):
        shutil.copytree(copy_of, path)
    with override_settings(
        SEARCH_BACKENDS={**configured, "whoosh": {**configured["whoosh"], "PATH": path}}
    ):
        yield path
    backends._backends.clear()
    shutil.rmtree(path, ignore_errors=True)
