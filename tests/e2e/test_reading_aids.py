"""In chromium: a long page shows its table of contents and its branch of the page tree beside
it on a wide screen and folded above it on a phone, in light and dark; search results read as
one result per thing, and suggestions tell things apart."""

import os
import re
from pathlib import Path

import pytest
from django.core.management import call_command

from search.outbox import drain
from tests.e2e.conftest import DESKTOP, PHONE
from wiki.editing import save_page

pytestmark = pytest.mark.django_db(transaction=True)
SHOTS = Path(os.environ.get("SHOTS_DIR", Path(__file__).parent / "screenshots"))

SECTIONS = ["Before you go", "Visas", "Long stays", "Money", "Housing", "Leaving"]


def long_text():
    parts = ["Practical notes for people joining a pop-up village abroad."]
    for n, title in enumerate(SECTIONS):
        parts.append(f"## {title}")
        parts += [f"Paragraph {p} about {title.lower()}. " * 12 for p in range(4)]
        if n % 2:
            parts.append(f"### {title} in detail")
            parts.append(f"More about {title.lower()}. " * 20)
    return "\n\n".join(parts)


@pytest.fixture
def content(db):
    call_command("load_default_content", stdout=open("/dev/null", "w"))  # noqa: SIM115
    save_page(path="guides", title="Guides", markdown="All our guides.", author=None)
    save_page(path="guides/joining", title="Joining a pop-up", markdown=long_text(),
              author=None)
    save_page(path="guides/housing", title="Housing", markdown="Where to sleep.", author=None)
    save_page(path="guides/joining/visas", title="Visas for villages", markdown="x", author=None)
    save_page(path="guides/joining/packing", title="What to pack", markdown="x", author=None)
    save_page(path="guides/hubs", title="Hubs", markdown="How to pick one of the hubs.",
              author=None)
    drain()


def shoot(page, name):
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / f"{name}.png"), full_page=False)


@pytest.mark.parametrize("dark", [False, True], ids=["light", "dark"])
def test_a_long_page_on_a_wide_screen(new_page, content, dark):
    page = new_page(viewport=DESKTOP, dark=dark)
    page.goto("/guides/joining")
    toc = page.locator(".toc")
    assert toc.is_visible() and page.locator(".page-tree").is_visible()
    assert toc.locator("a").count() == len(SECTIONS) + 3
    body, side = page.locator(".wiki-body").bounding_box(), toc.bounding_box()
    assert side["x"] > body["x"] + body["width"] - 1  # beside the text
    assert page.locator(".page-tree a[aria-current=page]").inner_text() == "Joining a pop-up"
    assert page.locator(".page-tree a", has_text="What to pack").is_visible()
    shoot(page, f"page-toc-1280-{'dark' if dark else 'light'}")
    # Reading further marks the section being read, and the table stays in view.
    page.locator("#money").scroll_into_view_if_needed()
    page.mouse.wheel(0, 200)
    page.wait_for_function(
        "() => document.querySelector('.toc a[aria-current=location]') !== null")
    assert toc.bounding_box()["y"] >= 0
    shoot(page, f"page-toc-1280-{'dark' if dark else 'light'}-scrolled")


@pytest.mark.parametrize("dark", [False, True], ids=["light", "dark"])
def test_a_long_page_on_a_phone(new_page, content, dark):
    page = new_page(viewport=PHONE, dark=dark)
    page.goto("/guides/joining")
    toc = page.locator("details.toc")
    assert toc.get_attribute("open") is None  # folded on a phone
    assert toc.bounding_box()["y"] < page.locator(".wiki-body").bounding_box()["y"]  # above
    shoot(page, f"page-toc-390-{'dark' if dark else 'light'}")
    page.locator("details.toc > summary").click()
    assert toc.locator("a").first.is_visible()
    shoot(page, f"page-toc-390-{'dark' if dark else 'light'}-open")
    toc.get_by_role("link", name="Money", exact=True).click()
    page.wait_for_url(re.compile("#money$"))
    # The tree is there too, keyboard-operable: its summary folds it.
    tree = page.locator("details.page-tree")
    tree.locator("summary").focus()
    page.keyboard.press("Enter")
    assert tree.get_attribute("open") is None


@pytest.mark.parametrize(("viewport", "width"), [(DESKTOP, 1280), (PHONE, 390)])
def test_search_results_and_suggestions(new_page, content, viewport, width):
    page = new_page(viewport=viewport, dark=width == 390)
    page.goto("/search/?q=hubs")
    kinds = page.locator(".search-result .search-kind").all_inner_texts()
    titles = page.locator(".search-result__title").all_inner_texts()
    assert titles.count("Hubs") == 2 and {"Category", "Page"} <= set(kinds)
    shoot(page, f"search-results-{width}")
    page.goto("/search/?q=hbus")
    assert page.locator(".search-correction a").inner_text() == "hubs"
    shoot(page, f"search-did-you-mean-{width}")
    page.goto("/")
    page.locator("#site-search-q").type("hub")
    options = page.locator("#site-search-listbox [role=option]")
    options.nth(1).wait_for()
    texts = [" ".join(text.split()) for text in options.all_inner_texts()]
    assert "Hubs Category" in texts and "Hubs Page" in texts
    shoot(page, f"suggestions-{width}")
    page.keyboard.press("ArrowDown")
    assert page.locator("#site-search-q").get_attribute("aria-activedescendant") == \
        options.first.get_attribute("id")
    page.keyboard.press("Escape")
    assert options.first.is_hidden()
    page.locator("#site-search-q").fill("")
    page.locator("#site-search-q").type("hbus")  # one typo
    options.first.wait_for()
    assert "Hubs" in options.first.inner_text()
    shoot(page, f"suggestions-typo-{width}")
    page.keyboard.press("ArrowDown")
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"/(taxonomy/small/hubs/|guides/hubs)$"))
