"""In chromium: the map and the timeline of examples, the scale diagram's marks and the API's
docs page load without a CSP violation, work from the keyboard and on a phone, in both modes."""

import re

import pytest
from django.core.management import call_command

from taxonomy.models import TaxonomyNode
from tests.e2e.conftest import DESKTOP, PHONE
from tests.e2e.test_qa_pages import watch_csp
from tests.pictures.data import place_examples

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def content():
    call_command("load_default_content", stdout=open("/dev/null", "w"))  # noqa: SIM115
    place_examples(120, list(TaxonomyNode.objects.filter(level=2)))


def test_map_from_the_keyboard_to_the_directory(page, content):
    violations = watch_csp(page)
    page.goto("/examples/-/map/")
    assert page.locator(".pm-map__svg path.pm-country").count() > 170
    assert page.locator(".pm-map__svg circle.pm-mark").count() > 5
    thailand = page.locator('.pm-map__svg a[aria-label^="Thailand:"]')
    thailand.focus()
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"/examples/\?country=TH"))
    assert violations == []


def test_timeline_pages_and_opens_an_example(page, content):
    violations = watch_csp(page)
    page.goto("/examples/-/timeline/?status=past")
    assert page.locator(".pt-rows__svg a").count() == 40  # every past one has a start date
    first = page.locator(".pt-rows__svg a").first
    label = first.get_attribute("aria-label")
    first.focus()
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"/examples/example-\d+/"))
    assert label.split(":")[0] in page.locator("h1").inner_text()
    assert violations == []


def test_api_docs_render_from_the_sites_own_files(page):
    violations = watch_csp(page)
    page.goto("/api/docs/")
    page.wait_for_selector(".swagger-ui .info .title")
    assert "Network Societies API" in page.locator(".swagger-ui .info .title").inner_text()
    assert page.locator(".opblock-summary-path").count() >= 10
    assert violations == []


@pytest.mark.parametrize("viewport", [DESKTOP, PHONE], ids=["desktop", "phone"])
@pytest.mark.parametrize("dark", [False, True], ids=["light", "dark"])
def test_pictures_fit_the_screen_in_both_modes(new_page, content, screenshot, viewport, dark):
    page = new_page(viewport=viewport, dark=dark)
    name = f"{'phone' if viewport is PHONE else 'desktop'}{'-dark' if dark else ''}"
    for path, shot in [("/examples/-/map/", "map"), ("/examples/-/timeline/", "timeline"),
                       ("/taxonomy/", "diagram")]:
        page.goto(path)
        width = page.evaluate("() => document.documentElement.scrollWidth")
        assert width <= viewport["width"], f"{path} is wider than the screen"
        screenshot(page, f"pictures-{shot}-{name}")
