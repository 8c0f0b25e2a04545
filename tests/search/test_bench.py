"""A smoke test of the benchmark's page generator (the benchmark itself is run by hand)."""

import pytest

from bench.search_bench import generate_pages
from search.maintenance import rebuild
from search.results import search_site

pytestmark = pytest.mark.django_db


def test_generated_pages_are_indexed_and_found():
    assert generate_pages(50) == 50
    assert rebuild() == 50
    assert search_site("village").page.paginator.count > 0
