"""Email digests: who gets one when, what it says, and the one-click unsubscribe (RFC 8058)."""

import re
from datetime import timedelta

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from accounts.models import Profile
from activity import digests, tasks
from activity.models import DigestSubscription
from forum import actions
from forum.models import NodeSubscription
from notifications import unsubscribe
from taxonomy.models import Change


@pytest.fixture
def subscriber(make_user, tree):
    # The default tree was made long before this digest's period.
    Change.objects.update(created_at=timezone.now() - timedelta(days=30))
    person = make_user("reader")
    NodeSubscription.objects.create(user=person, node=tree["small/pop-up-villages"])
    DigestSubscription.objects.create(user=person, frequency="daily",
                                      last_sent_at=timezone.now() - timedelta(hours=25))
    return person


def digest_mails(person):
    return [m for m in mail.outbox if m.to == [person.email] and "digest" in m.subject]


def unsubscribe_link(message):
    return re.search(r"<(http[^>]+)>", message.extra_headers["List-Unsubscribe"]).group(1)


def test_a_due_digest_lists_what_changed_with_unsubscribe_headers(subscriber, user, tree):
    actions.start_thread(node=tree["small/pop-up-villages"], author=user,
                         title="Kitchens & <grills>", body="?")
    mail.outbox.clear()
    assert tasks.send_digests.call() == 1
    [message] = digest_mails(subscriber)
    assert "daily digest: 1 update" in message.subject
    assert "Kitchens & <grills>" in message.body and "new thread by alice" in message.body
    html = message.alternatives[0][0]
    assert "Kitchens &amp; &lt;grills&gt;" in html
    assert message.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    link = unsubscribe_link(message)
    assert link.startswith("http") and link in message.body
    # Sent once: the period moved on.
    mail.outbox.clear()
    assert tasks.send_digests.call() == 0
    assert digest_mails(subscriber) == []


def test_nothing_new_sends_nothing_but_moves_the_period(subscriber):
    mail.outbox.clear()
    tasks.send_digests.call()
    assert digest_mails(subscriber) == []
    sent = DigestSubscription.objects.get(user=subscriber).last_sent_at
    assert timezone.now() - sent < timedelta(minutes=1)


def test_weekly_and_off_are_not_due_daily(subscriber):
    now = timezone.now()
    DigestSubscription.objects.filter(user=subscriber).update(
        frequency="weekly", last_sent_at=now - timedelta(days=2))
    assert not digests.due(now).exists()
    assert digests.due(now + timedelta(days=5)).exists()
    DigestSubscription.objects.filter(user=subscriber).update(frequency="off", last_sent_at=None)
    assert not digests.due(now + timedelta(days=30)).exists()


def test_one_click_unsubscribe_works_without_signing_in(client, subscriber, user, tree):
    actions.start_thread(node=tree["small/pop-up-villages"], author=user, title="K", body="?")
    mail.outbox.clear()
    tasks.send_digests.call()
    path = unsubscribe_link(digest_mails(subscriber)[0]).split("://", 1)[1].split("/", 1)[1]
    client.handler.enforce_csrf_checks = True
    # Opening the link only asks (mail scanners follow links).
    page = client.get("/" + path)
    assert page.status_code == 200 and b"Unsubscribe</button>" in page.content
    assert DigestSubscription.objects.get(user=subscriber).frequency == "daily"
    # The mail client's RFC 8058 POST: no session, no CSRF token.
    response = client.post("/" + path, "List-Unsubscribe=One-Click",
                           content_type="application/x-www-form-urlencoded")
    assert response.status_code == 200 and b"no more activity digests" in response.content
    assert DigestSubscription.objects.get(user=subscriber).frequency == "off"


def test_forged_or_cut_tokens_are_refused(client, subscriber):
    good = unsubscribe.token(subscriber, "digest")
    for bad in (good[:-3], "x" + good[1:], unsubscribe.token(subscriber, "nosuchstream")):
        response = client.post(reverse("notifications:unsubscribe", args=[bad]))
        assert response.status_code == 400
    assert DigestSubscription.objects.get(user=subscriber).frequency == "daily"


def test_notification_emails_carry_their_own_unsubscribe(
        client, make_user, thread_on_tree, django_capture_on_commit_callbacks):
    watcher = thread_on_tree["watcher"]
    sam = make_user("sam")
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        actions.reply(thread_id=thread_on_tree["thread"].pk, author=sam, body="hi")
    [message] = [m for m in mail.outbox if m.to == [watcher.email]]
    link = unsubscribe_link(message)
    assert message.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    client.post("/" + link.split("://", 1)[1].split("/", 1)[1])
    assert Profile.objects.get(user=watcher).email_notifications is False


@pytest.fixture
def thread_on_tree(tree, make_user):
    watcher = make_user("watcher")
    thread = actions.start_thread(node=tree["small/hubs"], author=watcher, title="T", body="b")
    return {"watcher": watcher, "thread": thread}


def test_choosing_a_digest_on_the_activity_page(client, make_user, tree):
    person = make_user("chooser")
    client.force_login(person)
    client.post(reverse("activity:digest"), {"frequency": "weekly"})
    assert DigestSubscription.objects.get(user=person).frequency == "weekly"
    client.post(reverse("activity:digest"), {"frequency": "hourly"})
    assert DigestSubscription.objects.get(user=person).frequency == "weekly"
