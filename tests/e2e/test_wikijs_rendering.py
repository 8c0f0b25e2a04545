"""An imported Wiki.js page in a real browser: a callout, a tabset (as tabs with script, as
<details> without), a mermaid diagram drawn by the site's own copy, a draw.io diagram and a sized
image. Screenshots at 1280 and 390 px, light and dark, go to tests/e2e/screenshots/."""

import base64

import pytest
from playwright.sync_api import expect

from markup.vendor import mermaid_present
from tests.e2e.conftest import CHROMIUM_ARGS, PHONE, wait_until_loaded
from wiki.editing import save_page

SVG = ('<svg xmlns="http://www.w3.org/2000/svg" width="220" height="70">'
       '<rect x="5" y="5" width="210" height="60" rx="8" fill="#e2f1ec" stroke="#1f6f5c"/>'
       '<text x="110" y="42" font-size="18" text-anchor="middle">draw.io: Hub</text></svg>')
BODY = f"""# Before you travel
Pack light.
Keep your passport at hand.

> Check the schedule before you travel.
{{.is-info}}

> Some places take no cards: bring cash.
{{.is-warning}}

# Install {{.tabset}}
## Linux
Use `apt install hub`.
## macOS
Use `brew install hub`.

# How it flows
```mermaid
graph LR
  Arrive --> Settle --> Contribute
```

```diagram
{base64.b64encode(SVG.encode()).decode()}
```

![The site's logo](/static/img/favicon.svg =96x)
"""


@pytest.fixture
def guide(db):
    return save_page(path="Guides/Travel", title="Travel guide", markdown=BODY, author=None,
                     editor="markdown").page


def test_callout_tabset_mermaid_and_images_render_as_in_wiki_js(new_page, guide, screenshot):
    page = new_page()
    errors = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.goto("/Guides/Travel")

    callout = page.locator("blockquote.is-info")
    expect(callout).to_contain_text("Check the schedule")
    assert callout.evaluate("e => getComputedStyle(e).backgroundColor") != "rgba(0, 0, 0, 0)"

    tabs = page.get_by_role("tab")
    expect(tabs).to_have_count(2)
    expect(tabs.nth(0)).to_have_attribute("aria-selected", "true")
    expect(page.get_by_role("tabpanel").filter(has_text="apt install")).to_be_visible()
    tabs.nth(1).click()
    expect(page.get_by_text("brew install hub")).to_be_visible()
    expect(page.get_by_text("apt install hub")).to_be_hidden()
    tabs.nth(1).press("ArrowLeft")
    expect(tabs.nth(0)).to_be_focused()
    expect(page.get_by_text("apt install hub")).to_be_visible()

    for img in ("figure.diagram--drawio img", "img[alt=\"The site's logo\"]"):
        expect(page.locator(img)).to_be_visible()
        wait_until_loaded(page.locator(img))
    assert page.locator("img[alt=\"The site's logo\"]").evaluate("i => i.width") == 96

    if mermaid_present():
        drawn = page.locator("figure.mermaid-diagram img")
        expect(drawn).to_be_visible(timeout=20_000)
        wait_until_loaded(drawn, min_width=51)
        expect(page.locator("pre.mermaid")).to_have_count(0)
    assert not errors, errors
    page.locator("blockquote.is-info").scroll_into_view_if_needed()
    screenshot(page, "wikijs-page-desktop")


@pytest.mark.parametrize("dark", [False, True], ids=["light", "dark"])
def test_the_page_on_a_phone(new_page, guide, screenshot, dark):
    page = new_page(viewport=PHONE, dark=dark)
    page.goto("/Guides/Travel")
    expect(page.get_by_role("tab")).to_have_count(2)
    if mermaid_present():
        expect(page.locator("figure.mermaid-diagram img")).to_be_visible(timeout=20_000)
    width = page.evaluate("() => document.documentElement.scrollWidth")
    assert width <= PHONE["width"], "the page scrolls sideways"
    screenshot(page, f"wikijs-page-phone-{'dark' if dark else 'light'}")


def test_without_javascript_tabs_are_details_one_open_at_a_time(browser, live_server, guide,
                                                               screenshot):
    context = browser.new_context(java_script_enabled=False, base_url=live_server.url)
    try:
        page = context.new_page()
        page.goto("/Guides/Travel")
        first, second = page.locator("details.tabset__tab").all()
        expect(page.get_by_text("apt install hub")).to_be_visible()
        second.locator("summary").click()
        expect(page.get_by_text("brew install hub")).to_be_visible()
        expect(page.get_by_text("apt install hub")).to_be_hidden()  # same name: exclusive
        expect(page.locator("pre.mermaid")).to_contain_text("Arrive --> Settle")
        screenshot(page, "wikijs-page-no-js")
    finally:
        context.close()


assert CHROMIUM_ARGS  # the harness's flags apply to every context above
