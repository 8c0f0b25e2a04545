"""The forum admin goes through forum.actions: every add and change form posted, valid and
invalid; no 500; history, re-rendering, the moderation log and re-indexing as on the site."""

import pytest
from django.urls import reverse

from forum.models import ModerationLog, Post, PostRevision, Thread
from search.models import IndexUpdate

pytestmark = pytest.mark.django_db

THREADS, POSTS = "/admin/forum/thread/", "/admin/forum/post/"
NO_INLINES = {"posts-TOTAL_FORMS": "0", "posts-INITIAL_FORMS": "0"}


def errors_of(response):
    return dict(response.context["adminform"].form.errors)


def thread_data(thread, **fields):
    data = {"node": thread.node_id, "title": thread.title, **NO_INLINES}
    data.update({flag: "on" for flag in ("pinned", "locked", "hidden") if getattr(thread, flag)})
    return {**data, **fields}


def test_forms_render(admin_client, thread):
    post = thread.posts.get()
    for url in (THREADS, THREADS + "add/", f"{THREADS}{thread.pk}/change/", POSTS,
                POSTS + "add/", f"{POSTS}{post.pk}/change/"):
        assert admin_client.get(url).status_code == 200, url


def test_add_thread_starts_it_with_a_first_post(admin_client, admin_user, node):
    response = admin_client.post(THREADS + "add/", {
        "node": node.pk, "title": "  Rules  of the forum ", "body": "Be **kind**.", **NO_INLINES})
    assert response.status_code == 302, errors_of(response)
    thread = Thread.objects.get()
    post = thread.posts.get()
    assert thread.title == "Rules of the forum" and thread.author == admin_user
    assert post.number == 1 and "<strong>kind</strong>" in post.html


@pytest.mark.parametrize("fields", [{"body": ""}, {"title": ""}, {"node": "999999"}])
def test_refused_thread_adds_are_form_errors(admin_client, node, fields):
    data = {"node": node.pk, "title": "T", "body": "B", **NO_INLINES, **fields}
    response = admin_client.post(THREADS + "add/", data)
    assert response.status_code == 200 and errors_of(response)
    assert not Thread.objects.exists()


def test_hiding_retitling_and_moving_are_logged_and_reindexed(admin_client, thread, other_node):
    IndexUpdate.objects.all().delete()
    response = admin_client.post(f"{THREADS}{thread.pk}/change/", thread_data(
        thread, hidden="on", locked="on", title="Renamed", node=other_node.pk))
    assert response.status_code == 302, errors_of(response)
    thread.refresh_from_db()
    assert (thread.hidden, thread.locked, thread.title, thread.node) == (
        True, True, "Renamed", other_node)
    logged = set(ModerationLog.objects.filter(thread=thread).values_list("action", flat=True))
    assert logged == {"hide_thread", "lock", "retitle", "move"}
    queued = set(IndexUpdate.objects.values_list("model", "object_id"))
    assert ("forum.post", str(thread.posts.get().pk)) in queued


def test_editing_a_post_body_rerenders_and_keeps_history(admin_client, admin_user, thread):
    post = thread.posts.get()
    response = admin_client.post(f"{POSTS}{post.pk}/change/", {
        "body": "Now *edited*.", "version": "0"})
    assert response.status_code == 302, errors_of(response)
    post.refresh_from_db()
    assert post.body == "Now *edited*." and "<em>edited</em>" in post.html
    assert post.edit_count == 1 and PostRevision.objects.get(post=post).body.startswith("About")
    entry = ModerationLog.objects.get(post=post)
    assert (entry.action, entry.moderator) == ("edit_post", admin_user)


def test_a_stale_admin_edit_of_a_post_is_a_conflict_not_a_loss(admin_client, thread, user):
    from forum import actions

    post = thread.posts.get()
    actions.edit_post(post_id=post.pk, editor=user, body="The author's edit.")
    response = admin_client.post(f"{POSTS}{post.pk}/change/", {
        "body": "A moderator's edit.", "version": "0"})
    assert response.status_code == 200 and "__all__" in errors_of(response)
    post.refresh_from_db()
    assert post.body == "The author's edit."


@pytest.mark.parametrize("fields", [{"body": ""}, {"body": "   "}, {"thread": "999999"}])
def test_refused_post_adds_are_form_errors(admin_client, thread, fields):
    response = admin_client.post(POSTS + "add/", {"thread": thread.pk, "body": "x", **fields})
    assert response.status_code == 200 and errors_of(response)
    assert Post.objects.count() == 1


def test_adding_a_post_replies_and_a_locked_thread_refuses(admin_client, admin_user, thread):
    response = admin_client.post(POSTS + "add/", {"thread": thread.pk, "body": "Hello @alice"})
    assert response.status_code == 302, errors_of(response)
    thread.refresh_from_db()
    assert thread.post_count == 2 and thread.last_poster == admin_user
    Thread.objects.filter(pk=thread.pk).update(locked=True)
    response = admin_client.post(POSTS + "add/", {"thread": thread.pk, "body": "Again"})
    assert response.status_code == 200 and "locked" in str(errors_of(response))


def test_hiding_a_post_is_logged(admin_client, thread):
    post = thread.posts.get()
    response = admin_client.post(f"{POSTS}{post.pk}/change/", {
        "body": post.body, "hidden": "on", "version": "0"})
    assert response.status_code == 302, errors_of(response)
    assert ModerationLog.objects.get(post=post).action == "hide_post"


class TestEditingInTwoTabs:
    def test_an_older_tab_merges_or_shows_both_texts(self, user_client, thread):
        post = thread.posts.get()
        url = reverse("forum:edit_post", args=[post.pk])
        from forum import actions

        actions.edit_post(post_id=post.pk, editor=post.author, body="About 150 people.\n\nSee.")
        response = user_client.post(url, {"body": "Mine instead.", "version": "0"})
        body = response.content.decode()
        assert response.status_code == 409
        assert "This post was changed while you were editing" in body and "Mine instead." in body
        assert "You saved a newer version in another tab" in body
        assert "About 150 people." in body
        assert response.context["form"]["version"].value() == "1"
        post.refresh_from_db()
        assert post.body == "About 150 people.\n\nSee."
        again = user_client.post(url, {"body": "Mine instead.", "version": "1"})
        assert again.status_code == 302
        post.refresh_from_db()
        assert post.body == "Mine instead." and post.edit_count == 2
