"""Browser harness: Playwright for Python driving Debian's chromium against a live server.

Screenshots go to tests/e2e/screenshots/ (ignored by git). Without /usr/bin/chromium these
tests are skipped, unless E2E_REQUIRED is set (as .ci/run does), where that is a failure.
"""

import os
import shutil
from pathlib import Path

import pytest

# Playwright's sync API runs an event loop in this thread; the ORM calls we make from fixtures
# are still synchronous and safe here.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox", "--disable-gpu", "--disable-background-networking",
    "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic",
]
SCREENSHOTS = Path(__file__).parent / "screenshots"
DESKTOP = {"width": 1280, "height": 900}
PHONE = {"width": 390, "height": 844}


def pytest_collection_modifyitems(config, items):
    for item in items:
        if "tests/e2e/" in str(item.fspath):
            item.add_marker(pytest.mark.e2e)


@pytest.fixture(scope="session")
def browser():
    if not (Path(CHROMIUM).exists() or shutil.which(CHROMIUM)):
        if os.environ.get("E2E_REQUIRED"):
            pytest.fail(f"chromium not found at {CHROMIUM}: apt-get install -y chromium")
        pytest.skip(f"chromium not found at {CHROMIUM} (apt-get install -y chromium)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        yield browser
        browser.close()


@pytest.fixture
def new_page(browser, live_server):
    """Open a fresh browser context (own cookies); ``new_page(viewport=PHONE, dark=True)``."""
    contexts = []

    def open_page(viewport=DESKTOP, dark=False):
        context = browser.new_context(
            viewport=viewport, base_url=live_server.url,
            color_scheme="dark" if dark else "light",
        )
        context.set_default_timeout(10_000)
        contexts.append(context)
        return context.new_page()

    yield open_page
    for context in contexts:
        context.close()


@pytest.fixture
def page(new_page):
    return new_page()


@pytest.fixture
def screenshot():
    """``screenshot(page, "name")`` saves a full-page PNG for a person to look at."""
    SCREENSHOTS.mkdir(exist_ok=True)

    def take(page, name):
        path = SCREENSHOTS / f"{name}.png"
        page.screenshot(path=str(path), full_page=True)
        return path

    return take


@pytest.fixture
def login(new_page):
    """Log a user in through the real form and return the page."""
    from tests.conftest import PASSWORD

    def do_login(user, page=None, **kwargs):
        page = page or new_page(**kwargs)
        page.goto("/accounts/login/")
        page.fill("input[name=login]", user.username)
        page.fill("input[name=password]", PASSWORD)
        page.click("form.login-form button[type=submit]")
        page.wait_for_url(lambda url: "/accounts/login/" not in url)
        return page

    return do_login


@pytest.fixture
def node(db):
    """A category under the root, for forum threads (the browser tests' own small tree)."""
    from taxonomy.models import Kind, TaxonomyNode

    root = TaxonomyNode.objects.filter(path="").first() or TaxonomyNode.objects.create(
        name="Network societies", slug="network-societies", path="", kind=Kind.ROOT)
    return TaxonomyNode.objects.create(
        name="Pop-up villages", slug="pop-up-villages", path="pop-up-villages",
        kind=Kind.CATEGORY, parent=root, summary="Temporary villages of about 150 people.",
    )


def wait_until_loaded(image, min_width=1):
    """Wait until the browser has loaded and decoded ``image`` (a Locator): being visible is not
    being loaded, and a busy machine showed the difference. A lazy image loads once in view."""
    image.scroll_into_view_if_needed()
    image.page.wait_for_function(f"i => i.complete && i.naturalWidth >= {int(min_width)}",
                                 arg=image.element_handle())
