"""The home page in a real browser: layout, phone width, dark mode, keyboard."""

from io import StringIO

import pytest
from django.core.management import call_command

from tests.e2e.conftest import PHONE


@pytest.fixture
def default_content(transactional_db):
    call_command("load_default_content", stdout=StringIO())


def test_home_page(page, default_content, screenshot):
    page.goto("/")
    assert page.title().startswith("Network Societies")
    assert page.locator("h1").inner_text() == "Network societies, classified and argued about"
    nav = page.get_by_role("navigation", name="Main")
    for label in ["Taxonomy", "Pages", "Forum", "Recent changes"]:
        assert nav.get_by_role("link", name=label).is_visible()
    assert page.get_by_label("Search", exact=True).is_visible()
    assert page.locator(".scale-cards .card").count() == 3
    screenshot(page, "home-desktop")

    page.get_by_role("link", name="What is a network society?").click()
    page.wait_for_url("**/network-societies")


def test_home_page_on_a_phone_in_the_dark(new_page, default_content, screenshot):
    page = new_page(viewport=PHONE, dark=True)
    page.goto("/")
    # Nothing sticks out sideways: the nav and the diagram scroll inside themselves.
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    brand = page.locator(".site-brand").bounding_box()
    login = page.get_by_role("link", name="Log in", exact=True).bounding_box()
    assert brand["x"] + brand["width"] < login["x"]  # brand and account links do not touch
    background = page.evaluate("getComputedStyle(document.body).backgroundColor")
    assert background == "rgb(18, 22, 20)"  # the dark palette
    screenshot(page, "home-phone-dark")


def test_the_skip_link_is_the_first_stop_and_leads_to_the_content(page, default_content):
    page.goto("/")
    page.keyboard.press("Tab")
    skip = page.locator(".skip-link")
    assert skip.evaluate("el => el === document.activeElement")
    assert skip.bounding_box()["y"] >= 0  # visible once focused
    page.keyboard.press("Enter")
    assert page.evaluate("location.hash") == "#main"


def test_not_found_page_on_a_phone(new_page, transactional_db, screenshot):
    page = new_page(viewport=PHONE)
    response = page.goto("/forum/no-such-board/at-all/")
    assert response.status == 404
    assert page.locator("h1").inner_text() == "Nothing here"
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    screenshot(page, "404-phone")


def test_picking_a_search_suggestion_opens_its_page(page, default_content):
    page.goto("/")
    box = page.locator("#site-search-q")
    box.press_sequentially("Pop-up vil", delay=30)
    # A function, not an expression: Playwright evals expressions, which the CSP forbids.
    page.wait_for_function(
        "() => [...document.querySelectorAll('#site-search-listbox .suggest__title')]"
        ".some(o => o.textContent === 'Pop-up villages')")
    box.fill("Pop-up villages")
    box.press("Enter")
    page.wait_for_url("**/taxonomy/**")
    assert page.locator("h1").inner_text().startswith("Pop-up villages")
