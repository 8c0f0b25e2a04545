"""What the forum gives the search index and its Atom feeds: only what everyone may read."""

from django.urls import reverse

from forum import actions
from forum.models import Post, Thread
from search.index import document_for
from search.models import IndexUpdate


def test_post_documents_are_found_within_their_thread(thread, node):
    post = thread.posts.get()
    doc = document_for(post)
    assert doc.search_type == "forum" and doc.title == thread.title
    assert "About 150 people" in " ".join(doc.texts.values())
    assert "scale=pop-up-villages" in doc.filters
    assert post.get_absolute_url() == f"/forum/p/{post.pk}/"
    assert document_for(thread).title == thread.title


def test_search_querysets_leave_out_hidden_and_deleted(thread, other_user, moderator):
    kept = actions.reply(thread_id=thread.pk, author=other_user, body="kept")
    deleted = actions.reply(thread_id=thread.pk, author=other_user, body="deleted")
    actions.delete_post(post_id=deleted.pk, user=other_user)
    hidden = actions.reply(thread_id=thread.pk, author=other_user, body="hidden")
    actions.moderate_post(post_id=hidden.pk, moderator=moderator, hidden=True)
    assert {p.body for p in Post.search_queryset()} == {"About 150 people, I think.", "kept"}
    assert kept in Post.search_queryset()
    actions.moderate_thread(thread_id=thread.pk, moderator=moderator, action="hide")
    assert not Post.search_queryset().exists() and not Thread.search_queryset().exists()


def test_hiding_or_moving_a_thread_queues_its_posts_for_the_index(
    thread, other_user, moderator, other_node
):
    actions.reply(thread_id=thread.pk, author=other_user, body="second")
    post_ids = {str(pk) for pk in thread.posts.values_list("pk", flat=True)}
    for step in [
        lambda: actions.moderate_thread(thread_id=thread.pk, moderator=moderator, action="hide"),
        lambda: actions.moderate_thread(thread_id=thread.pk, moderator=moderator, action="unhide"),
        lambda: actions.move_thread(thread_id=thread.pk, moderator=moderator, node=other_node),
    ]:
        IndexUpdate.objects.all().delete()
        step()
        queued = IndexUpdate.objects.filter(model="forum.post").values_list("object_id", flat=True)
        assert set(queued) == post_ids


def test_feeds_show_only_visible_content(client, thread, node, other_user, moderator):
    hidden = actions.reply(thread_id=thread.pk, author=other_user, body="secret spam")
    actions.moderate_post(post_id=hidden.pk, moderator=moderator, hidden=True)
    actions.reply(thread_id=thread.pk, author=other_user, body="public *reply*")
    feed = client.get(reverse("forum:thread_feed", args=[thread.pk]))
    assert feed["Content-Type"].startswith("application/atom+xml")
    body = feed.content.decode()
    assert "public &lt;em&gt;reply&lt;/em&gt;" in body and "secret spam" not in body
    node_feed = client.get(reverse("forum:node_feed", args=[node.pk])).content.decode()
    assert thread.title in node_feed
    actions.moderate_thread(thread_id=thread.pk, moderator=moderator, action="hide")
    assert client.get(reverse("forum:thread_feed", args=[thread.pk])).status_code == 404
    node_feed = client.get(reverse("forum:node_feed", args=[node.pk])).content.decode()
    assert thread.title not in node_feed


def test_profile_lists_threads_and_posts(client, thread, user):
    page = client.get(reverse("accounts:profile", args=[user.username])).content.decode()
    assert "Forum" in page and thread.title in page
