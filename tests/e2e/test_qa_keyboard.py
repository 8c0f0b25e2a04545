"""The main journeys with the keyboard only (Tab, Shift+Tab, Enter, Space, Escape), in chromium:
every control is reachable, shows where the focus is, and nothing traps it."""

import re
from io import StringIO

import pytest
from django.core.management import call_command
from playwright.sync_api import expect

from forum import actions as forum
from notifications.models import Notification
from taxonomy.models import TaxonomyNode
from tests.conftest import PASSWORD
from wiki.editing import save_page
from wiki.models import Page

pytestmark = pytest.mark.django_db(transaction=True)

# What the focused element is, and whether a person can see that it is focused: an outline, or
# (for the diagram's SVG links) a shape stroked in the focus colour.
FOCUSED = """() => {
  const el = document.activeElement;
  const style = getComputedStyle(el);
  const probe = document.createElement('span');
  probe.style.color = 'var(--focus)';
  document.body.appendChild(probe);
  const focus = getComputedStyle(probe).color;
  probe.remove();
  const ring = style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) >= 2;
  const stroke = [...el.querySelectorAll('rect, line')].some(
    shape => getComputedStyle(shape).stroke === focus);
  const box = el.getBoundingClientRect();
  return {tag: el.tagName, text: (el.innerText || el.value || '').trim().slice(0, 40),
          visible: Boolean(ring || stroke), onscreen: box.width > 1 && box.height > 1};
}"""


def tab_to(page, locator, limit=150, key="Tab"):
    """Press Tab until ``locator`` has the focus; every stop on the way must show its focus."""
    target = locator.first
    target.wait_for(state="attached")
    for _ in range(limit):
        page.keyboard.press(key)
        focused = page.evaluate(FOCUSED)
        if focused["tag"] != "BODY":
            assert focused["onscreen"], f"focus went to something invisible: {focused}"
            assert focused["visible"], f"no visible focus on {focused}"
        if target.evaluate("el => el === document.activeElement"):
            return
    raise AssertionError(f"{locator} is not reachable with {key}")


@pytest.fixture
def site(user, make_user):
    call_command("load_default_content", stdout=StringIO())
    save_page(path="guides/pop-ups", title="Pop-up villages", author=user,
              markdown="About 150 people.", summary="First draft")
    node = TaxonomyNode.objects.get(path="small/pop-up-villages")
    thread = forum.start_thread(node=node, author=user, title="How big is a pop-up village?",
                                body="Dunbar says 150.")
    return {"node": node, "thread": thread, "other": make_user("bob")}


def keyboard_login(page, user):
    page.goto("/accounts/login/")
    tab_to(page, page.locator("input[name=login]"))
    page.keyboard.type(user.username)
    page.keyboard.press("Tab")
    expect(page.locator("input[name=password]")).to_be_focused()
    page.keyboard.type(PASSWORD)
    page.keyboard.press("Enter")
    page.wait_for_url(lambda url: "/accounts/login/" not in url)


def test_a_newcomer_browses_from_home_to_an_example(site, page):
    page.goto("/")
    page.keyboard.press("Tab")
    expect(page.locator(".skip-link")).to_be_focused()
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "main"
    tab_to(page, page.locator("main a", has_text="Explore the taxonomy"))
    page.keyboard.press("Enter")
    page.wait_for_url("**/taxonomy/")
    tab_to(page, page.locator(".tx-tree a", has_text="Pop-up villages"))
    page.keyboard.press("Enter")
    page.wait_for_url("**/taxonomy/small/pop-up-villages/")
    tab_to(page, page.locator("main a", has_text="Chiang Mai Archipelago 2024"))
    page.keyboard.press("Enter")
    page.wait_for_url("**/examples/chiang-mai-archipelago-2024/")
    expect(page.locator("h1")).to_have_text("Chiang Mai Archipelago 2024")


def test_a_member_edits_compares_and_reverts_with_the_keyboard(site, page, user):
    keyboard_login(page, user)
    page.goto("/guides/pop-ups")
    tab_to(page, page.locator("main a.button", has_text=re.compile("^Edit$")))
    page.keyboard.press("Enter")
    page.wait_for_url("**/wiki/edit/guides/pop-ups")
    tab_to(page, page.locator("textarea[name=markdown]"))
    page.keyboard.press("Control+End")
    page.keyboard.type("\n\nOften beside a conference.")
    expect(page.locator("[data-md-preview]")).to_contain_text("Often beside a conference")
    tab_to(page, page.locator("input[name=summary]"))
    page.keyboard.type("Conferences")
    page.keyboard.press("Enter")  # saves (not the widget's Preview, the form's first button)
    page.wait_for_url(lambda url: "/wiki/edit/" not in url)
    assert Page.objects.get(path="guides/pop-ups").current_revision.number == 2

    tab_to(page, page.locator("main a", has_text="History"))
    page.keyboard.press("Enter")
    page.wait_for_url("**/wiki/history/guides/pop-ups")
    tab_to(page, page.locator("button", has_text="Compare selected revisions"))
    page.keyboard.press("Enter")
    page.wait_for_url("**/wiki/diff/**")
    expect(page.locator(".diff .line--ins").last).to_contain_text("Often beside a conference")

    page.goto("/wiki/history/guides/pop-ups/1/")
    tab_to(page, page.locator("button", has_text="Revert to this revision"))
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert Page.objects.get(path="guides/pop-ups").current_revision.number == 3


def test_a_reply_with_a_quote_and_a_mention_then_mark_read(site, new_page, login, user):
    bob = login(site["other"])
    bob.goto(site["thread"].get_absolute_url())
    tab_to(bob, bob.locator("a[data-quote]"))
    bob.keyboard.press("Enter")
    box = bob.locator("#reply textarea[name=body]")
    expect(box).to_be_focused()
    assert "Dunbar says 150." in box.input_value()
    bob.keyboard.type("\n@alice I think 150 is right.")
    tab_to(bob, bob.locator("button", has_text="Post reply"))
    with bob.expect_navigation():
        bob.keyboard.press("Enter")
    expect(bob.locator(".forum-post").last).to_contain_text("I think 150 is right")
    expect(bob.locator(".forum-post").last.locator("blockquote")).to_contain_text("Dunbar")

    alice = login(user)
    alice.goto("/")
    tab_to(alice, alice.locator(".notif-link"))
    alice.keyboard.press("Enter")
    alice.wait_for_url("**/notifications/")
    tab_to(alice, alice.locator("button", has_text="Mark all as read"))
    with alice.expect_navigation():
        alice.keyboard.press("Enter")
    assert not Notification.objects.filter(recipient=user, read_at__isnull=True).exists()
    expect(alice.locator(".notif-link .badge")).to_have_count(0)


def test_menus_open_with_enter_and_close_with_escape(site, page, user):
    keyboard_login(page, user)
    page.goto("/guides/pop-ups")
    for menu in ("details.menu:has(.menu__list a[href^='/u/'])", "details.wiki-more"):
        summary = page.locator(f"{menu} > summary")
        tab_to(page, summary)
        page.keyboard.press("Enter")
        expect(page.locator(menu)).to_have_attribute("open", "")
        page.keyboard.press("Tab")
        assert page.evaluate(f"document.querySelector(\"{menu}\").contains(document.activeElement)")
        page.keyboard.press("Escape")
        expect(page.locator(menu)).not_to_have_attribute("open", "")
        expect(summary).to_be_focused()
        page.keyboard.press("Space")
        expect(page.locator(menu)).to_have_attribute("open", "")
        page.keyboard.press("Escape")


def test_shift_tab_walks_back_and_the_editor_is_no_trap(site, page, user):
    keyboard_login(page, user)
    page.goto("/wiki/edit/guides/pop-ups")
    textarea = page.locator("textarea[name=markdown]")
    tab_to(page, textarea)
    # Tab leaves the textarea (it does not insert a tab character), and comes round again.
    tab_to(page, page.locator("button", has_text="Save"))
    tab_to(page, page.locator(".skip-link"))
    tab_to(page, page.locator("input[name=title]"), key="Shift+Tab")
    assert "\t" not in textarea.input_value()
