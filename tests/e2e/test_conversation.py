"""A conversation in chromium, as the forum's regulars have it: a thread someone else started is
new until opened; @ma offers maya in a combobox picked with the keyboard; Ctrl+Enter posts; maya
likes the reply without a reload and its author hears "maya liked your post"; a half-typed reply
survives a reload."""

import re

import pytest
from playwright.sync_api import expect

from forum import actions
from forum.models import Draft, Reaction
from tests.e2e.conftest import PHONE

pytestmark = pytest.mark.django_db(transaction=True)


def test_mention_post_like_notify_draft_and_new(login, make_user, node, screenshot):
    alice, maya, bob = make_user("alice"), make_user("maya"), make_user("bob")
    make_user("mark")
    thread = actions.start_thread(node=node, author=bob, title="Kitchens for 200 people",
                                  body="How many kitchens does a village of 200 need?")

    # Bob's thread is new to Alice until she opens it.
    a = login(alice)
    a.goto("/forum/")
    row = a.locator(".forum-thread", has_text="Kitchens for 200 people")
    expect(row.locator(".pill--new")).to_have_text("New")
    row.locator(".forum-thread__title").click()
    a.wait_for_url(re.compile(r"/forum/t/\d+/"))
    a.goto("/forum/")
    expect(row.locator(".pill--new")).to_have_count(0)

    # She mentions maya, picked from the suggestions with the keyboard, and posts with Ctrl+Enter.
    a.goto(thread.get_absolute_url())
    box = a.locator("#reply textarea[name=body]")
    box.click()
    box.press_sequentially("Two, I think. @ma")
    listbox = a.locator("#reply [role=listbox]")
    expect(listbox.locator("[role=option]")).to_have_count(2)  # mark, then maya
    expect(box).to_have_attribute("aria-expanded", "true")
    box.press("ArrowUp")  # wraps around to the last
    box.press("ArrowDown")
    box.press("ArrowDown")
    option = listbox.locator("[role=option][aria-selected=true]")
    expect(option).to_have_attribute("data-username", "maya")
    box.press("Enter")
    expect(box).to_have_value("Two, I think. @maya ")
    expect(listbox).to_be_hidden()
    box.press_sequentially("what do you think?")
    box.press("Control+Enter")
    reply = a.locator("#post-2")
    expect(reply.locator("a.mention")).to_have_text("@maya")

    # Maya likes the reply: the count changes in place, without a reload.
    m = login(maya, viewport=PHONE, dark=True)
    m.goto(thread.get_absolute_url() + "#post-2")
    m.evaluate("window.stillThisPage = true")
    like = m.locator("#post-2 button[name=kind][value=like]")
    like.click()
    expect(like).to_have_attribute("aria-pressed", "true")
    expect(m.locator("#post-2 .forum-reaction__count")).to_have_text("1")
    assert m.evaluate("window.stillThisPage") is True
    assert Reaction.objects.filter(user=maya, kind="like").count() == 1
    screenshot(m, "conversation-liked-phone-dark")

    # Maya answers that post: linked to it, and Alice is told.
    m.locator("#post-2 a[data-reply-to]").click()
    expect(m.locator("[data-replying-to]")).to_contain_text("Replying to #2 by alice")
    answer = m.locator("#reply textarea[name=body]")
    expect(answer).to_be_focused()
    answer.press_sequentially("Two kitchens and a grill.")
    answer.press("Control+Enter")
    expect(m.locator("#post-3 .forum-post__reply-to")).to_contain_text("#2 alice")

    # Alice hears about it.
    a.goto("/notifications/")
    expect(a.locator(".notification", has_text="maya liked your post")).to_have_count(1)
    expect(a.locator(".notification", has_text="maya replied to your post")).to_have_count(1)

    # A reply half typed survives a reload (the draft is on the server).
    a.goto(thread.get_absolute_url())
    box = a.locator("#reply textarea[name=body]")
    box.click()
    box.press_sequentially("Half a thought about the second kitch")
    expect(a.locator("[data-draft-status]")).to_have_text("Draft saved")
    a.reload()
    expect(a.locator("#reply textarea[name=body]")).to_have_value(
        "Half a thought about the second kitch")
    assert Draft.objects.filter(user=alice).count() == 1


def test_the_page_editor_suggests_people_too_on_a_phone(login, make_user):
    from wiki.editing import save_page

    writer = make_user("writer")
    make_user("maya")
    save_page(path="places/hubs", title="Hubs", markdown="Hubs last.\n", author=writer)
    page = login(make_user("alice"), viewport=PHONE)
    page.goto("/places/hubs")
    page.get_by_role("link", name="Edit", exact=True).click()
    box = page.locator("textarea[name=markdown]")
    box.click()
    box.press("End")
    box.press_sequentially(" Ask @may")
    option = page.get_by_role("option", name="@maya")
    expect(option).to_be_visible()
    option.click()
    expect(box).to_have_value(re.compile(r"Ask @maya $"))
