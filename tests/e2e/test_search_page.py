"""In chromium: the header's search box suggests titles, and the results page answers."""

import re

import pytest
from django.core.management import call_command

from search.outbox import drain
from tests.e2e.conftest import PHONE

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def content():
    call_command("load_default_content", stdout=open("/dev/null", "w"))  # noqa: SIM115
    drain()


def test_search_from_the_header_with_suggestions(page, content, screenshot):
    page.goto("/")
    page.fill("#site-search-q", "Chiang")
    page.wait_for_function(  # a function: the CSP forbids Playwright's eval of an expression
        "() => document.querySelectorAll('#site-search-listbox [role=option]').length > 0")
    page.press("#site-search-q", "Enter")
    page.wait_for_url(re.compile(r"/search/\?q=Chiang"))
    assert page.locator(".search-result mark").first.inner_text() == "Chiang"
    page.click("text=Chiang Mai Archipelago 2024")
    page.wait_for_url(re.compile("/examples/chiang-mai-archipelago-2024/"))


def test_malformed_query_on_a_phone_in_dark_mode(new_page, content, screenshot):
    page = new_page(viewport=PHONE, dark=True)
    page.goto('/search/?q="unclosed')
    assert "quotation mark" in page.locator(".message--warning").inner_text()
    screenshot(page, "search-malformed-phone-dark")
