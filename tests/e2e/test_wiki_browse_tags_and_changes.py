"""Browsing in chromium: the founding page, its red links, tags and recent changes."""

from io import StringIO

import pytest
from django.core.management import call_command

from tests.e2e.conftest import PHONE
from wiki.editing import save_page

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def wiki(user):
    call_command("load_default_content", stdout=StringIO())
    save_page(path="network-societies/hubs", title="Hubs", markdown="# Hubs\n\nCo-working.",
              author=user, tags=["Pop Ups", "Économie"], summary="Start the hubs page")
    save_page(path="zuzalu", title="Zuzalu", markdown="A pop-up city.", author=user,
              tags=["pop-ups"])


def test_the_founding_page_and_its_red_links(page, wiki, screenshot):
    page.goto("/network-societies")
    assert page.locator("h2", has_text="Overview").count() == 1
    assert page.locator("h3", has_text="Core Components").count() == 1
    page.click("text=Pop Ups Villages")
    assert "create" in page.content().lower()
    screenshot(page, "wiki-browse-missing-page")


def test_tags_combine_and_narrow(page, wiki, screenshot):
    page.goto("/tags/")
    page.click("a.tag:has-text('pop ups')")
    assert page.url.endswith("/tags/pop-ups/")
    assert page.locator(".item-list > li").count() == 2
    page.click("aside a.tag:has-text('économie')")
    assert page.url.endswith("/tags/pop-ups+economie/")
    assert page.locator(".item-list > li").count() == 1
    screenshot(page, "wiki-browse-tags-combined")
    page.click("a[aria-label='Remove the tag économie']")
    assert page.url.endswith("/tags/pop-ups/")


def test_recent_changes_filters_on_a_phone_in_dark_mode(new_page, wiki, screenshot):
    page = new_page(viewport=PHONE, dark=True)
    page.goto("/recent/")
    # The founding page's import and the site's revision 2, and the two pages.
    assert page.locator(".changes-list > li").count() == 4
    page.check("text=Hide imports")
    page.click("button:has-text('Filter')")
    assert page.locator(".changes-list > li").count() == 3
    page.select_option("select[name=since]", "day")
    page.fill("input[name=tag]", "Économie")
    page.click("button:has-text('Filter')")
    assert page.locator(".changes-list > li").count() == 1
    assert page.locator(".changes-list").inner_text().count("Hubs") == 1
    screenshot(page, "wiki-browse-recent-phone-dark")
    # Nothing spills sideways on a phone.
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
