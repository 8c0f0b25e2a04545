"""A discussion in chromium: start a thread from a taxonomy node, reply with a quote and a
mention, see the notification and the unread marker, lock, and be refused a further reply."""

import re

import pytest
from django.contrib.auth.models import Group
from playwright.sync_api import expect

from forum.models import Post
from tests.e2e.conftest import PHONE

pytestmark = pytest.mark.django_db(transaction=True)


def test_start_reply_quote_mention_notify_lock(login, make_user, node, screenshot):
    # An earlier transactional test may have flushed the groups the migration made.
    Group.objects.get_or_create(name="Moderators")
    alice, bob = make_user("alice"), make_user("bob")
    mo = make_user("mo", "Moderators")

    # Alice opens the node and starts a thread.
    a = login(alice)
    a.goto(node.get_absolute_url())
    a.click("text=Start a discussion")
    a.fill("input[name=title]", "How big is a pop-up village?")
    a.fill("textarea[name=body]", "The founding page says **about 150 people**. Is that right?")
    a.click("button:has-text('Start thread')")
    a.wait_for_url(re.compile(r"/forum/t/\d+/$"))
    thread_url = a.url
    expect(a.locator("h1")).to_have_text("How big is a pop-up village?")

    # Bob quotes her (the Quote button fills his reply box) and mentions her.
    b = login(bob, viewport=PHONE, dark=True)
    b.goto(thread_url)
    box = b.locator("#reply textarea[name=body]")
    b.click("#post-1 a[data-quote]")
    expect(box).to_have_value(re.compile(r"^> \*\*@alice\*\* \[wrote\]"))
    box.press("End")
    box.press_sequentially("@alice I have seen 200 work, with two kitchens.")
    screenshot(b, "forum-flow-reply-phone-dark")
    b.click("#reply button:has-text('Post reply')")
    post = b.locator("#post-2")
    expect(post.locator("blockquote")).to_contain_text("about 150 people")
    expect(post.locator("a.mention").last).to_have_text("@alice")

    # Alice sees the notification and the unread marker.
    a.goto("/forum/")
    expect(a.locator(".forum-thread .pill--new")).to_have_text("1 new")
    expect(a.locator(".notif-link .badge")).to_have_text("1")
    screenshot(a, "forum-flow-unread")
    a.goto("/notifications/")
    expect(a.locator(".notification").first).to_contain_text("bob mentioned you")
    a.click(".notification button")
    expect(a.locator("#post-2")).to_be_visible()

    # A moderator locks the thread; Bob's already open composer is refused clearly.
    m = login(mo)
    m.goto(thread_url)
    m.click("summary:has-text('Moderate this thread')")
    m.click("button:has-text('Lock')")
    expect(m.locator(".message")).to_contain_text("Locked")
    box.fill("One more thing about kitchens.")
    b.click("#reply button:has-text('Post reply')")
    expect(b.locator("[role=alert]")).to_contain_text("This thread is locked")
    expect(b.locator("textarea#draft")).to_have_value("One more thing about kitchens.")
    screenshot(b, "forum-flow-locked-phone-dark")
    assert Post.objects.count() == 2
