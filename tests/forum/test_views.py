"""The forum's pages through the test client: reading, writing, and every kind of bad input
getting a clear message with nothing stored."""

import pytest
from django.test import override_settings
from django.urls import reverse

from forum import actions
from forum.models import Post, Thread, ThreadRead

from .conftest import add_posts


def test_pages_render_for_everyone(client, thread, node, root):
    for url in [reverse("forum:index"), reverse("forum:node", args=[node.pk]),
                reverse("forum:node", args=[root.pk]), thread.get_absolute_url(),
                reverse("forum:post_history", args=[thread.posts.get().pk])]:
        response = client.get(url)
        assert response.status_code == 200, url
    assert thread.title in client.get(reverse("forum:index")).content.decode()
    general = client.get(reverse("forum:node", args=[root.pk])).content.decode()
    assert "General discussion" in general


def test_start_a_thread(user_client, node, user):
    url = reverse("forum:new_thread", args=[node.pk])
    assert user_client.get(url).status_code == 200
    response = user_client.post(url, {"title": "  Hubs   or villages? ", "body": "Which first?",
                                      "token": "t1"})
    thread = Thread.objects.get()
    assert response.status_code == 302 and response.url == thread.get_absolute_url()
    assert thread.title == "Hubs or villages?" and thread.node == node
    page = user_client.get(thread.get_absolute_url()).content.decode()
    assert "Which first?" in page


@pytest.mark.parametrize("data, message", [
    ({"title": "", "body": "text"}, "Give the thread a title."),
    ({"title": "   ", "body": "text"}, "Give the thread a title."),
    ({"title": "Title", "body": ""}, "Write something before posting."),
    ({"title": "Title", "body": "  \n "}, "Write something before posting."),
    ({"title": "x" * 201, "body": "text"}, "at most 200 characters"),
])
def test_bad_new_thread_input_gets_a_message_and_stores_nothing(user_client, node, data, message):
    response = user_client.post(reverse("forum:new_thread", args=[node.pk]), data)
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not Thread.objects.exists() and not Post.objects.exists()


@override_settings(FORUM_MAX_POST_CHARS=100)
def test_an_oversized_post_is_refused_with_the_limit(user_client, thread):
    response = user_client.post(reverse("forum:reply", args=[thread.pk]), {"body": "y" * 101})
    assert response.status_code == 200
    assert "the limit is 100" in response.content.decode()
    assert thread.posts.count() == 1


def test_reply_and_land_on_the_new_post(client, thread, other_user):
    client.force_login(other_user)
    url = reverse("forum:reply", args=[thread.pk])
    response = client.post(url, {"body": "Agreed", "token": "r"})
    assert response.status_code == 302
    assert response.url == f"{thread.get_absolute_url()}#post-2"
    assert thread.posts.filter(number=2, body="Agreed").exists()


def test_double_submitted_reply_form_is_stored_once(client, thread, other_user):
    client.force_login(other_user)
    for _ in range(2):
        client.post(reverse("forum:reply", args=[thread.pk]), {"body": "Once", "token": "same"})
    assert thread.posts.filter(body="Once").count() == 1


def test_preview_shows_the_rendering_and_saves_nothing(user_client, thread, node):
    response = user_client.post(reverse("forum:reply", args=[thread.pk]),
                                {"body": "**bold** idea", "preview": "1"})
    assert response.status_code == 200
    assert "<strong>bold</strong>" in response.content.decode()
    assert thread.posts.count() == 1
    response = user_client.post(reverse("forum:new_thread", args=[node.pk]),
                                {"title": "Draft", "body": "*maybe*", "preview": "1"})
    assert "<em>maybe</em>" in response.content.decode()
    assert Thread.objects.count() == 1


def test_reply_to_a_locked_thread_is_refused_clearly(client, thread, other_user, moderator):
    actions.moderate_thread(thread_id=thread.pk, moderator=moderator, action="lock")
    client.force_login(other_user)
    response = client.post(reverse("forum:reply", args=[thread.pk]), {"body": "Late reply"})
    assert response.status_code == 403
    page = response.content.decode()
    assert "This thread is locked" in page and "Late reply" in page  # text kept to copy
    assert thread.posts.count() == 1
    assert "This thread is locked" in client.get(thread.get_absolute_url()).content.decode()


def test_reply_to_a_hidden_thread_is_refused_clearly(client, thread, other_user, moderator):
    actions.moderate_thread(thread_id=thread.pk, moderator=moderator, action="hide")
    client.force_login(other_user)
    response = client.post(reverse("forum:reply", args=[thread.pk]), {"body": "Hello"})
    assert response.status_code == 404
    assert "hidden by a moderator" in response.content.decode()
    assert thread.posts.count() == 1
    assert client.get(thread.get_absolute_url()).status_code == 404


def test_reply_to_a_missing_thread_is_refused_clearly(user_client):
    response = user_client.post(reverse("forum:reply", args=[4242]), {"body": "Hello"})
    assert response.status_code == 404
    assert "does not exist" in response.content.decode()
    assert not Post.objects.exists()


def test_writing_needs_login_and_post(client, thread, node):
    urls = [reverse("forum:reply", args=[thread.pk]), reverse("forum:new_thread", args=[node.pk])]
    for url in urls:
        response = client.post(url, {"title": "t", "body": "b"})
        assert response.status_code == 302 and "/accounts/login/" in response.url
    assert thread.posts.count() == 1


@pytest.mark.parametrize("name", ["delete_post", "moderate_post"])
def test_post_only_views_refuse_get(user_client, thread, name):
    response = user_client.get(reverse(f"forum:{name}", args=[thread.posts.get().pk]))
    assert response.status_code == 405


def test_quote_prefills_the_composer_without_javascript(client, thread, other_user):
    client.force_login(other_user)
    post = thread.posts.get()
    response = client.get(reverse("forum:reply", args=[thread.pk]) + f"?quote={post.pk}")
    text = response.context["form"]["body"].value()
    assert text.startswith(f"> **@alice** [wrote](/forum/p/{post.pk}/):")
    assert "> About 150 people, I think." in text
    # Nonsense quote ids are ignored, not errors.
    for junk in ["abc", "99999", "", "9" * 30]:
        url = reverse("forum:reply", args=[thread.pk]) + f"?quote={junk}"
        assert client.get(url).status_code == 200


def test_permalink_redirects_to_the_right_page(client, thread, user):
    add_posts(thread, user, 44)
    post = thread.posts.get(number=42)
    response = client.get(reverse("forum:post", args=[post.pk]))
    assert response.url == f"{thread.get_absolute_url()}?page=3#post-42"
    page = client.get(response.url.split("#")[0]).content.decode()
    assert 'id="post-41"' in page and 'id="post-45"' in page and 'id="post-40"' not in page


def test_unread_markers_and_jump_to_first_unread(client, thread, user, other_user):
    client.force_login(other_user)
    client.get(thread.get_absolute_url())
    assert ThreadRead.objects.get(user=other_user, thread=thread).last_read_number == 1
    actions.reply(thread_id=thread.pk, author=user, body="Second")
    actions.reply(thread_id=thread.pk, author=user, body="Third")
    listing = client.get(reverse("forum:index")).content.decode()
    assert "2 new" in listing
    page = client.get(thread.get_absolute_url()).content.decode()
    assert "Jump to the first unread post (#2)" in page
    assert client.get(reverse("forum:unread", args=[thread.pk])).url == (
        f"{thread.get_absolute_url()}#post-3"  # everything was read by the visit above
    )
    assert "2 new" not in client.get(reverse("forum:index")).content.decode()


def test_edit_own_post_with_history(user_client, client, thread, other_user):
    post = thread.posts.get()
    url = reverse("forum:edit_post", args=[post.pk])
    assert user_client.get(url).status_code == 200
    response = user_client.post(url, {"body": "About 150 people, per the page."})
    assert response.status_code == 302
    history = user_client.get(reverse("forum:post_history", args=[post.pk])).content.decode()
    assert "per the page" in history and "I think" in history
    client.force_login(other_user)
    assert client.post(url, {"body": "Mine now"}).status_code == 403
    post.refresh_from_db()
    assert post.body == "About 150 people, per the page."


def test_delete_own_post_leaves_a_tombstone(user_client, thread):
    post = thread.posts.get()
    user_client.post(reverse("forum:delete_post", args=[post.pk]))
    page = user_client.get(thread.get_absolute_url()).content.decode()
    assert "deleted by its author" in page and "I think" not in page


def test_watch_and_unwatch(client, thread, node, other_user):
    client.force_login(other_user)
    client.post(reverse("forum:watch_thread", args=[thread.pk]), {"watch": "1"})
    assert thread.subscriptions.filter(user=other_user).exists()
    client.post(reverse("forum:watch_thread", args=[thread.pk]), {"watch": "0"})
    assert not thread.subscriptions.filter(user=other_user).exists()
    client.post(reverse("forum:watch_node", args=[node.pk]), {"watch": "1"})
    assert node.forum_subscriptions.filter(user=other_user).exists()


@override_settings(NS_RATE_LIMITS={"thread": {"default": "1/60", "new_account": "1/60"},
                                      "post": {"default": "2/60", "new_account": "2/60"}})
def test_rate_limits_give_a_clear_429_page(client, thread, node, other_user):
    client.force_login(other_user)
    url = reverse("forum:reply", args=[thread.pk])
    assert client.post(url, {"body": "one"}).status_code == 302
    assert client.post(url, {"body": "two"}).status_code == 302
    response = client.post(url, {"body": "three"})
    assert response.status_code == 429
    assert "Slow down" in response.content.decode() and "three" in response.content.decode()
    assert thread.posts.count() == 3
    new = reverse("forum:new_thread", args=[node.pk])
    assert client.post(new, {"title": "A", "body": "a"}).status_code == 302
    assert client.post(new, {"title": "B", "body": "b"}).status_code == 429
    assert Thread.objects.count() == 2


@override_settings(NS_NEW_ACCOUNT_DAYS=3,
                   NS_RATE_LIMITS={"thread": {"default": "5/60", "new_account": "1/60"},
                                      "post": {"default": "5/60", "new_account": "1/60"}})
def test_new_accounts_get_the_stricter_limit(client, thread, make_user):
    from datetime import timedelta

    from django.utils import timezone

    old = make_user("old", date_joined=timezone.now() - timedelta(days=30))
    new = make_user("new")
    url = reverse("forum:reply", args=[thread.pk])
    for person, allowed in [(old, 5), (new, 1)]:
        client.force_login(person)
        codes = [client.post(url, {"body": f"{person} {i}"}).status_code
                 for i in range(allowed + 1)]
        assert codes == [302] * allowed + [429]


def test_absurd_ids_and_pages_are_not_errors(client, thread):
    huge = "9" * 25
    for url in [f"/forum/t/{huge}/", f"/forum/p/{huge}/", f"/forum/n/{huge}/",
                f"/forum/p/{huge}/history/", f"/forum/t/{huge}/feed/"]:
        assert client.get(url).status_code == 404, url
    for page in ["abc", "0", "-1", "99999"]:
        assert client.get(f"{thread.get_absolute_url()}?page={page}").status_code == 200
