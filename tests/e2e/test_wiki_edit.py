"""In a browser: edit a page with live preview, save, find it in history, diff it, revert it; and
two people editing the same page end with a clean merge or a conflict screen, never an overwrite.
"""

import re

import pytest
from playwright.sync_api import expect

from tests.e2e.conftest import PHONE
from wiki.editing import save_page
from wiki.models import Page

pytestmark = pytest.mark.django_db(transaction=True)

TEXT = "Hubs are lasting places.\n\nThey have a house.\n\nPeople come and go.\n"


def open_editor(page, path):
    page.goto(f"/{path}")
    page.get_by_role("link", name="Edit", exact=True).click()
    expect(page.locator("textarea[name=markdown]")).to_be_visible()
    # A click does not wait for the next page's scripts, which listen for typing (the preview):
    # on a busy machine the textarea showed and was filled before they ran.
    page.wait_for_load_state()


def test_edit_preview_save_history_diff_revert(login, make_user, screenshot):
    writer = make_user("writer")
    save_page(path="places/hubs", title="Hubs", markdown=TEXT, author=writer, summary="Start")
    page = login(make_user("alice"))

    open_editor(page, "places/hubs")
    page.fill("textarea[name=markdown]", TEXT.replace("a house", "a **shared** house"))
    # The live preview, rendered by the server as you type.
    preview = page.locator("[data-md-preview]")
    expect(preview.locator("strong")).to_have_text("shared", timeout=5000)
    page.fill("input[name=summary]", "Say the house is shared")
    screenshot(page, "wiki-edit-desktop")
    page.get_by_role("button", name="Save").click()

    expect(page).to_have_url(re.compile(r"/places/hubs$"))
    expect(page.locator(".wiki-body strong")).to_have_text("shared")
    page.get_by_role("link", name="History").first.click()
    expect(page.locator(".wiki-history")).to_contain_text("Say the house is shared")
    screenshot(page, "wiki-history-desktop")

    page.get_by_role("button", name="Compare selected revisions").click()
    expect(page.locator(".wiki-diff ins")).to_contain_text("**shared** ")
    expect(page.locator(".wiki-diff .line--del")).to_contain_text("They have a house.")
    screenshot(page, "wiki-diff-desktop")

    page.goto("/wiki/history/places/hubs/1/")
    page.get_by_role("button", name="Revert to this revision").click()
    expect(page).to_have_url(re.compile(r"/places/hubs$"))
    expect(page.locator(".messages")).to_contain_text("Reverted to revision 1")
    expect(page.locator(".wiki-body")).not_to_contain_text("shared")
    revisions = Page.objects.get(path="places/hubs").revisions.order_by("number")
    assert [r.markdown == TEXT for r in revisions] == [True, False, True]


def test_two_people_editing_merge_or_conflict_never_overwrite(login, make_user, new_page,
                                                             screenshot):
    save_page(path="hubs", title="Hubs", markdown=TEXT, author=make_user("writer"))
    alice = login(make_user("alice"))
    bob = login(make_user("bob"), viewport=PHONE, dark=True)

    # Different lines: both saves land, the second one merged.
    open_editor(alice, "hubs")
    open_editor(bob, "hubs")
    alice.fill("textarea[name=markdown]", TEXT.replace("lasting", "long-lived"))
    bob.fill("textarea[name=markdown]", TEXT.replace("come and go", "come and stay"))
    alice.get_by_role("button", name="Save").click()
    expect(alice.locator(".messages")).to_contain_text("Saved")
    bob.get_by_role("button", name="Save").click()
    expect(bob.locator(".messages")).to_contain_text("merged with changes made by alice")
    body = Page.objects.get(path="hubs").current_revision.markdown
    assert "long-lived" in body and "come and stay" in body

    # The same line: the second person gets the conflict screen with their text kept.
    open_editor(alice, "hubs")
    open_editor(bob, "hubs")
    alice.fill("textarea[name=markdown]", body.replace("a house", "a big house"))
    bob.fill("textarea[name=markdown]", body.replace("a house", "a small house"))
    alice.get_by_role("button", name="Save").click()
    expect(alice.locator(".messages")).to_contain_text("Saved")
    bob.get_by_role("button", name="Save").click()
    expect(bob.locator(".wiki-conflict")).to_contain_text("Someone else changed this page")
    expect(bob.locator(".wiki-conflict .wiki-diff ins").first).to_have_text("big ")
    expect(bob.locator("textarea[name=markdown]")).to_have_value(re.compile("a small house"))
    screenshot(bob, "wiki-conflict-phone-dark")
    assert "big house" in Page.objects.get(path="hubs").current_revision.markdown

    # Resolving it (keeping both words) and saving again lands, based on alice's revision.
    bob.fill("textarea[name=markdown]", body.replace("a house", "a big, small house"))
    bob.get_by_role("button", name=re.compile("Save")).click()
    expect(bob.locator(".messages")).to_contain_text("Saved")
    final = Page.objects.get(path="hubs").current_revision
    assert "a big, small house" in final.markdown and final.parent.author.username == "alice"
