"""One concept, one home, in chromium: from the home page a visitor reaches "Pop-up villages"
through the founding page and reads its article, examples and discussion on one page;
``[[Pop-up villages]]`` in a new page is a blue link to it; a member discusses the Chiang Mai
example and finds the thread on it and on the boards of both its categories; and starts a
discussion of an ordinary wiki page from its Discussion tab."""

import re
from io import StringIO

import pytest
from django.core.management import call_command
from playwright.sync_api import expect

from taxonomy.models import TaxonomyNode
from tests.e2e.conftest import PHONE
from tests.taxonomy.conftest import ensure_groups
from wiki.editing import save_page

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def content(db):
    ensure_groups()
    call_command("load_default_content", stdout=StringIO())
    save_page(path="network-societies/pop-ups", title="Pop-up villages", author=None,
              markdown="Pop-up villages gather **about 150 people** for a month or two.")


def test_one_concept_one_home(content, page, login, make_user, screenshot):
    # A visitor, from the home page, through the founding page's link.
    page.goto("/")
    page.get_by_role("link", name="What is a network society?").click()
    expect(page.locator("h1")).to_have_text("Network Societies")
    expect(page.locator(".wiki-body a.redlink")).to_have_count(0)
    page.locator(".wiki-body").get_by_role("link", name="Pop Ups Villages").click()
    expect(page).to_have_url(re.compile(r"/taxonomy/small/pop-up-villages/$"))
    expect(page.locator("h1")).to_have_text("Pop-up villages")
    expect(page.locator("#article .wiki-body strong")).to_have_text("about 150 people")
    expect(page.locator("#examples")).to_contain_text("Chiang Mai Archipelago 2024")
    expect(page.locator("#discussion")).to_contain_text("Nobody has discussed this category yet")
    page.get_by_role("navigation", name="Pop-up villages").get_by_role(
        "link", name=re.compile("Discussion")).click()
    expect(page).to_have_url(re.compile(r"#discussion$"))
    screenshot(page, "concept-pop-ups-desktop")

    # A member writes a new page: [[Pop-up villages]] is a blue link to the concept.
    member = login(make_user("mia"), viewport=PHONE, dark=True)
    member.goto("/wiki/edit/guides/first-village")
    expect(member.locator("input[name=title]")).to_be_focused()
    member.fill("input[name=title]", "Your first village")
    member.fill("textarea[name=markdown]", "Start small: read [[Pop-up villages]] first.")
    expect(member.locator("[data-md-preview] a")).to_have_attribute(
        "href", "/network-societies/pop-ups", timeout=5000)
    member.get_by_role("button", name="Save").click()
    expect(member).to_have_url(re.compile(r"/guides/first-village$"))
    link = member.locator(".wiki-body a", has_text="Pop-up villages")
    expect(link).not_to_have_class(re.compile("redlink"))
    link.click()
    expect(member).to_have_url(re.compile(r"/taxonomy/small/pop-up-villages/$"))

    # ...starts a discussion on the Chiang Mai example...
    member.goto("/examples/chiang-mai-archipelago-2024/")
    member.locator("#discussion").get_by_role("link", name="Start a discussion").click()
    expect(member.locator("input[name=title]")).to_be_focused()
    member.fill("input[name=title]", "Village or archipelago?")
    member.fill("textarea[name=body]", "It had several villages at once.")
    member.get_by_role("button", name="Start discussion").click()
    expect(member).to_have_url(re.compile(r"/forum/t/\d+/$"))
    member.goto("/examples/chiang-mai-archipelago-2024/")
    expect(member.locator("#discussion")).to_contain_text("Village or archipelago?")
    screenshot(member, "concept-example-phone-dark")
    # ...and finds it on the boards of both its categories.
    for path in ("small/pop-up-villages", "large/archipelagos"):
        node = TaxonomyNode.objects.get(path=path)
        member.goto(f"/forum/n/{node.pk}/")
        expect(member.locator(".forum-threads")).to_contain_text("Village or archipelago?")

    # ...and discusses an ordinary wiki page from its Discussion tab.
    member.goto("/guides/first-village")
    member.get_by_role("navigation", name="This page").get_by_role(
        "link", name="Discussion").click()
    expect(member.locator("h1")).to_have_text("Discussions of Your first village")
    member.get_by_role("link", name="Start a discussion").first.click()
    member.fill("input[name=title]", "Is a month enough?")
    member.fill("textarea[name=body]", "Most villages run four weeks.")
    member.get_by_role("button", name="Start discussion").click()
    expect(member).to_have_url(re.compile(r"/forum/t/\d+/$"))
    member.goto("/guides/first-village")
    expect(member.get_by_role("navigation", name="This page")).to_contain_text("Discussion 1")
