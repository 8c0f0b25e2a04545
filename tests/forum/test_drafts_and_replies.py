"""Drafts saved while typing, restored, cleared on posting; replies to one post; mentions."""

import pytest
from django.urls import reverse

from forum import actions, drafts
from forum.models import Draft
from notifications.models import Notification


def save_draft(client, url, **data):
    return client.post(url, data, headers={"X-Requested-With": "fetch"})


def test_reply_draft_saved_restored_and_cleared(client, thread, other_user):
    client.force_login(other_user)
    url = reverse("forum:thread_draft", args=[thread.pk])
    response = save_draft(client, url, body="Half a thought about vil")
    assert response.json()["saved"] is True
    draft = Draft.objects.get(user=other_user)
    assert draft.key == f"thread:{thread.pk}" and draft.url.endswith("#reply")
    # Another device: a new session finds it in the reply box.
    client.logout()
    client.force_login(other_user)
    page = client.get(thread.get_absolute_url()).content.decode()
    assert "Half a thought about vil</textarea>" in page and "Draft restored" in page
    client.post(reverse("forum:reply", args=[thread.pk]), {"body": "A whole thought."})
    assert not Draft.objects.exists()


def test_an_emptied_box_discards_the_draft(client, thread, other_user):
    client.force_login(other_user)
    url = reverse("forum:thread_draft", args=[thread.pk])
    save_draft(client, url, body="something")
    assert save_draft(client, url, body="   ").json()["saved"] is False
    assert not Draft.objects.exists()


def test_drafts_are_private_and_per_person(client, thread, user, other_user):
    drafts.save(other_user, drafts.thread_key(thread), body="bob's secret", url="/",
                label="Reply to it")
    client.force_login(user)
    assert "bob&#x27;s secret" not in client.get(thread.get_absolute_url()).content.decode()
    profile = client.get(reverse("accounts:profile", args=["bob"])).content.decode()
    assert "secret" not in profile and "Your drafts" not in profile
    client.force_login(other_user)
    profile = client.get(reverse("accounts:profile", args=["bob"])).content.decode()
    assert "Your drafts" in profile and "Reply to it" in profile


def test_new_thread_draft_per_board(client, node, other_user):
    client.force_login(other_user)
    save_draft(client, reverse("forum:board_draft", args=[node.pk]), title="Visas?", body="How do")
    page = client.get(reverse("forum:new_thread", args=[node.pk])).content.decode()
    assert 'value="Visas?"' in page and "How do</textarea>" in page
    client.post(reverse("forum:new_thread", args=[node.pk]), {"title": "Visas?", "body": "How do?"})
    assert not Draft.objects.exists()


def test_beacon_saves_without_headers_or_messages(client, thread, other_user):
    client.force_login(other_user)
    response = client.post(reverse("forum:thread_draft", args=[thread.pk]),
                           {"body": "closing the tab", "fetch": "1"})
    assert response.status_code == 200
    assert Draft.objects.get().body == "closing the tab"


def test_draft_needs_a_thread_that_takes_replies(client, thread, other_user):
    thread.locked = True
    thread.save()
    client.force_login(other_user)
    response = save_draft(client, reverse("forum:thread_draft", args=[thread.pk]), body="x")
    assert response.status_code == 404


def test_reply_to_a_post_links_and_tells_its_author(thread, user, other_user, make_user):
    first = thread.posts.get(number=1)
    maya = make_user("maya")
    actions.reply(thread_id=thread.pk, author=maya, body="Me too")
    reply = actions.reply(thread_id=thread.pk, author=other_user, body="Sure?", reply_to=first.pk)
    assert reply.reply_to == first
    notes = Notification.objects.filter(recipient=user, actor=other_user).values_list(
        "verb", flat=True)
    assert list(notes) == ["replied to your post"]
    assert Notification.objects.filter(
        recipient=maya, actor=other_user, verb="replied").count() == 1


def test_reply_to_a_post_of_another_thread_is_ignored(make_thread, thread, other_user):
    elsewhere = make_thread(title="Elsewhere", token="e").posts.get(number=1)
    reply = actions.reply(thread_id=thread.pk, author=other_user, body="x", reply_to=elsewhere.pk)
    assert reply.reply_to is None


def test_reply_view_and_thread_page_show_the_link(client, thread, other_user):
    first = thread.posts.get(number=1)
    client.force_login(other_user)
    page = client.get(reverse("forum:reply", args=[thread.pk]) + f"?reply_to={first.pk}")
    assert "Replying to" in page.content.decode()
    client.post(reverse("forum:reply", args=[thread.pk]), {"body": "Yes", "reply_to": first.pk})
    html = client.get(thread.get_absolute_url()).content.decode()
    assert "In reply to</span>#1 alice" in html


@pytest.fixture
def people(make_user):
    return [make_user(name) for name in ("maya", "mark", "zmaya", "mallory")]


def test_mention_suggestions_rank_people_in_the_thread_first(client, thread, user, people):
    actions.reply(thread_id=thread.pk, author=people[3], body="hi")  # mallory wrote here
    client.force_login(user)
    url = reverse("forum:mentions")
    found = client.get(url, {"q": "ma", "thread": thread.pk}).json()["results"]
    names = [r["username"] for r in found]
    assert names == ["mallory", "mark", "maya", "zmaya"]
    names = [r["username"] for r in client.get(url, {"q": "@may"}).json()["results"]]
    assert names == ["maya", "zmaya"]
    assert client.get(url, {"q": ""}).json()["results"] == []
    # Control characters are dropped (PostgreSQL refuses a NUL): "ma\x00y" looks for "may".
    names = [r["username"] for r in client.get(url, {"q": "ma\x00y\u202e"}).json()["results"]]
    assert names == ["maya", "zmaya"]


def test_mention_suggestions_need_sign_in_and_are_limited(client, settings, user, people):
    assert client.get(reverse("forum:mentions"), {"q": "ma"}).status_code == 302
    settings.NS_RATE_LIMITS = {**settings.NS_RATE_LIMITS,
                               "mention_lookup": {"default": "2/60", "new_account": "2/60"}}
    client.force_login(user)
    codes = [client.get(reverse("forum:mentions"), {"q": "ma"}).status_code for _ in range(3)]
    assert codes == [200, 200, 429]


def test_saving_a_draft_keeps_cached_pages(client, thread, other_user):
    from network_societies import pagecache

    before = pagecache.generation()
    client.force_login(other_user)
    save_draft(client, reverse("forum:thread_draft", args=[thread.pk]), body="typing…")
    assert pagecache.generation() == before
    client.post(reverse("forum:react", args=[thread.posts.get(number=1).pk]), {"kind": "like"})
    assert pagecache.generation() != before  # a reaction shows to everyone
