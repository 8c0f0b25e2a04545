"""Starting threads, replying, editing, deleting: numbering, history, double submits, refusals
and who hears about it."""

import pytest
from django.core import mail

from forum import actions
from forum.models import Post, PostRevision, Thread, ThreadRead, ThreadSubscription
from notifications.models import Notification


def test_start_thread_stores_thread_and_first_post(thread, user, node):
    post = thread.posts.get()
    assert (thread.node, thread.author, thread.post_count, thread.reply_count) == (node, user, 1, 0)
    assert post.number == 1 and post.author == user
    assert "<p>About 150 people, I think.</p>" in post.html
    assert post.renderer_version > 0
    assert ThreadSubscription.objects.filter(user=user, thread=thread).exists()
    assert ThreadRead.objects.get(user=user, thread=thread).last_read_number == 1


def test_replies_are_numbered_and_move_the_thread(thread, other_user):
    first = actions.reply(thread_id=thread.pk, author=other_user, body="More like 200.")
    second = actions.reply(thread_id=thread.pk, author=other_user, body="Or 300.")
    thread.refresh_from_db()
    assert (first.number, second.number) == (2, 3)
    assert (thread.post_count, thread.reply_count, thread.last_poster) == (3, 2, other_user)
    assert thread.last_activity_at == second.created_at


def test_a_double_submitted_reply_is_stored_once(thread, other_user):
    one = actions.reply(thread_id=thread.pk, author=other_user, body="Hello", token="abc")
    two = actions.reply(thread_id=thread.pk, author=other_user, body="Hello", token="abc")
    assert one.pk == two.pk
    assert thread.posts.count() == 2


def test_the_same_text_twice_within_seconds_is_stored_once_even_without_token(thread, other_user):
    actions.reply(thread_id=thread.pk, author=other_user, body="Same words")
    actions.reply(thread_id=thread.pk, author=other_user, body="Same words")
    assert thread.posts.filter(body="Same words").count() == 1


def test_a_double_submitted_new_thread_is_stored_once(make_thread):
    one = make_thread(token="tok-1")
    two = make_thread(token="tok-1")
    assert one.pk == two.pk
    assert Thread.objects.count() == 1 and Post.objects.count() == 1


@pytest.mark.parametrize("flag", ["locked", "hidden"])
def test_replies_to_locked_or_hidden_threads_are_refused(thread, other_user, flag):
    Thread.objects.filter(pk=thread.pk).update(**{flag: True})
    with pytest.raises(actions.Refused):
        actions.reply(thread_id=thread.pk, author=other_user, body="Let me in")
    thread.refresh_from_db()
    assert thread.post_count == 1 and thread.posts.count() == 1


def test_reply_to_a_missing_thread_raises_does_not_exist(other_user):
    with pytest.raises(Thread.DoesNotExist):
        actions.reply(thread_id=999, author=other_user, body="Hello?")
    assert not Post.objects.exists()


def test_editing_keeps_the_old_version(thread, user):
    post = thread.posts.get()
    actions.edit_post(post_id=post.pk, editor=user, body="About 150 people, says the page.")
    post.refresh_from_db()
    assert post.body == "About 150 people, says the page." and post.edit_count == 1
    old = PostRevision.objects.get(post=post)
    assert old.body == "About 150 people, I think."
    assert "I think" in old.html


def test_only_the_author_may_edit_or_delete(thread, other_user):
    post = thread.posts.get()
    with pytest.raises(actions.Refused):
        actions.edit_post(post_id=post.pk, editor=other_user, body="Vandalised")
    with pytest.raises(actions.Refused):
        actions.delete_post(post_id=post.pk, user=other_user)
    post.refresh_from_db()
    assert post.body == "About 150 people, I think." and post.deleted_at is None


def test_delete_is_soft(thread, user):
    post = thread.posts.get()
    actions.delete_post(post_id=post.pk, user=user)
    post.refresh_from_db()
    assert post.is_deleted and post.body  # kept for moderators, not shown
    assert not Post.objects.visible().filter(pk=post.pk).exists()


def test_a_mention_links_the_profile_and_notifies_that_person(thread, user, other_user, make_user):
    make_user("carol")
    post = actions.reply(thread_id=thread.pk, author=other_user,
                         body="@carol what do you think? @nobody-here too.")
    assert '<a class="mention" href="/u/carol/">@carol</a>' in post.html
    assert post.mentioned == ["carol"]
    carol_notes = Notification.objects.filter(recipient__username="carol")
    assert [n.verb for n in carol_notes] == ["mentioned you"]
    # The thread's author watches it and hears about the reply, once.
    assert [n.verb for n in Notification.objects.filter(recipient=user)] == ["replied"]
    assert not Notification.objects.filter(recipient=other_user).exists()


def test_a_person_mentioned_and_watching_hears_once(thread, user, other_user):
    actions.reply(thread_id=thread.pk, author=other_user, body="@alice you started this")
    assert [n.verb for n in Notification.objects.filter(recipient=user)] == ["mentioned you"]


def test_editing_in_a_new_mention_notifies_only_the_new_person(thread, user, make_user):
    make_user("carol")
    make_user("dave")
    post = actions.reply(thread_id=thread.pk, author=user, body="@carol hi")
    actions.edit_post(post_id=post.pk, editor=user, body="@carol hi, and @dave")
    assert Notification.objects.filter(recipient__username="carol").count() == 1
    assert Notification.objects.filter(recipient__username="dave").count() == 1


def test_node_watchers_hear_of_new_threads(node, make_thread, other_user):
    actions.set_node_watch(other_user, node, True)
    make_thread(title="Hubs versus villages")
    note = Notification.objects.get(recipient=other_user)
    assert note.verb == "started a thread" and "Hubs versus villages" in note.text


def test_email_goes_after_commit_and_respects_the_switch(
    thread, user, other_user, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        actions.reply(thread_id=thread.pk, author=other_user, body="Replying by email")
    assert [m.to for m in mail.outbox] == [[user.email]]
    mail.outbox.clear()
    from accounts.models import Profile

    Profile.objects.update_or_create(user=user, defaults={"email_notifications": False})
    with django_capture_on_commit_callbacks(execute=True):
        actions.reply(thread_id=thread.pk, author=other_user, body="Another one")
    assert mail.outbox == []
    assert Notification.objects.filter(recipient=user).count() == 2


def test_mark_read_only_moves_forward(thread, other_user):
    actions.mark_read(other_user, thread, 1)
    actions.mark_read(other_user, thread, 1, known=1)
    assert ThreadRead.objects.get(user=other_user, thread=thread).last_read_number == 1
