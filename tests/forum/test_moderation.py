"""Moderators pin, lock, hide and move; everyone signed in can flag; every action is logged;
people who are not Moderators can do none of it."""

import pytest
from django.test import Client
from django.urls import reverse

from forum import actions
from forum.models import Flag, ModerationLog, Thread


@pytest.mark.parametrize("action, field, value", [
    ("pin", "pinned", True), ("lock", "locked", True), ("hide", "hidden", True),
])
def test_moderator_thread_actions_are_applied_and_logged(
    moderator_client, moderator, thread, action, field, value
):
    response = moderator_client.post(reverse("forum:moderate_thread", args=[thread.pk]),
                                     {"action": action})
    assert response.status_code == 302
    thread.refresh_from_db()
    assert getattr(thread, field) is value
    entry = ModerationLog.objects.get()
    assert (entry.moderator, entry.action, entry.thread) == (moderator, action if action != "hide"
                                                              else "hide_thread", thread)


def test_pinned_threads_come_first(client, make_thread, node, moderator):
    pinned = make_thread(title="Read me first", token="a")
    make_thread(title="Newer chatter", token="b")
    actions.moderate_thread(thread_id=pinned.pk, moderator=moderator, action="pin")
    listing = client.get(reverse("forum:node", args=[node.pk])).context["page_obj"].object_list
    assert [t.title for t in listing] == ["Read me first", "Newer chatter"]


def test_move_thread(moderator_client, thread, other_node):
    url = reverse("forum:move_thread", args=[thread.pk])
    assert moderator_client.get(url).status_code == 200
    moderator_client.post(url, {"node": other_node.pk})
    thread.refresh_from_db()
    assert thread.node == other_node
    assert ModerationLog.objects.get().detail == "from Pop-up villages to Hubs"


def test_hide_and_unhide_a_post(moderator_client, thread, other_user):
    client = Client()
    post = actions.reply(thread_id=thread.pk, author=other_user, body="Buy cheap watches")
    moderator_client.post(reverse("forum:moderate_post", args=[post.pk]), {"hidden": "1"})
    post.refresh_from_db()
    assert post.hidden
    page = client.get(thread.get_absolute_url()).content.decode()
    assert "hidden by a moderator" in page and "cheap watches" not in page
    moderator_client.post(reverse("forum:moderate_post", args=[post.pk]), {"hidden": "0"})
    post.refresh_from_db()
    assert not post.hidden
    assert list(ModerationLog.objects.values_list("action", flat=True)) == [
        "unhide_post", "hide_post"]


def test_non_moderators_cannot_moderate(user_client, thread, other_node):
    post = thread.posts.get()
    for url, data in [
        (reverse("forum:moderate_thread", args=[thread.pk]), {"action": "lock"}),
        (reverse("forum:move_thread", args=[thread.pk]), {"node": other_node.pk}),
        (reverse("forum:moderate_post", args=[post.pk]), {"hidden": "1"}),
    ]:
        assert user_client.post(url, data).status_code == 403
    assert user_client.get(reverse("forum:moderation")).status_code == 403
    thread.refresh_from_db()
    assert not thread.locked and thread.node != other_node and not ModerationLog.objects.exists()
    with pytest.raises(actions.Refused):
        actions.moderate_thread(thread_id=thread.pk, moderator=thread.author, action="lock")


def test_unknown_moderation_action_is_a_message_not_an_error(moderator_client, thread):
    response = moderator_client.post(reverse("forum:moderate_thread", args=[thread.pk]),
                                     {"action": "explode"}, follow=True)
    assert response.status_code == 200
    assert "Unknown moderation action" in response.content.decode()


def test_flag_feeds_the_queue_and_a_moderator_resolves_it(
    moderator_client, moderator, thread, other_user
):
    post = thread.posts.get()
    client = Client()
    client.force_login(other_user)
    url = reverse("forum:flag_post", args=[post.pk])
    assert client.get(url).status_code == 200
    assert client.post(url, {"reason": "spam", "note": "Looks like an ad"}).status_code == 302
    client.post(url, {"reason": "spam"})  # twice is once
    flag = Flag.objects.get()
    queue = moderator_client.get(reverse("forum:moderation")).content.decode()
    assert "Looks like an ad" in queue and "Spam" in queue
    moderator_client.post(reverse("forum:handle_flag", args=[flag.pk]),
                          {"resolution": "resolved", "hide_post": "1"})
    flag.refresh_from_db()
    post.refresh_from_db()
    assert flag.status == "resolved" and flag.handled_by == moderator and post.hidden
    assert set(ModerationLog.objects.values_list("action", flat=True)) == {
        "hide_post", "resolve_flag"}
    queue = moderator_client.get(reverse("forum:moderation")).content.decode()
    assert "Nothing to review" in queue and "Resolved flag" in queue


def test_bad_flags_are_refused(user_client, thread):
    post = thread.posts.get()
    client = Client()
    assert user_client.get(reverse("forum:flag_post", args=[post.pk])).status_code == 403  # own
    response = client.post(reverse("forum:flag_post", args=[post.pk]), {"reason": "spam"})
    assert response.status_code == 302 and "/accounts/login/" in response.url
    assert not Flag.objects.exists()


def test_hidden_threads_are_for_moderators_only(moderator_client, thread, moderator):
    client = Client()
    actions.moderate_thread(thread_id=thread.pk, moderator=moderator, action="hide")
    assert client.get(thread.get_absolute_url()).status_code == 404
    assert thread.title not in client.get(reverse("forum:index")).content.decode()
    assert moderator_client.get(thread.get_absolute_url()).status_code == 200
    assert Thread.objects.visible().count() == 0
