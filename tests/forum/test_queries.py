"""Pages make the same number of queries whatever the number of posts or threads."""

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from forum import actions
from forum.models import Thread
from forum.profile import section

from .conftest import add_posts


def count_queries(client, url):
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url).status_code == 200
    return len(ctx.captured_queries)


@pytest.mark.parametrize("signed_in", [False, True])
def test_thread_page_queries_do_not_grow_with_posts(
    client, make_thread, user, other_user, signed_in, django_assert_num_queries,
    django_assert_max_num_queries,
):
    small = make_thread(title="Small")
    large = add_posts(make_thread(title="Large"), user, 999)
    assert large.post_count == 1000
    if signed_in:
        client.force_login(other_user)
    # Warm up each once (session, first read mark), then compare like with like: a first visit
    # to the last page of each.
    expected = count_queries(client, small.get_absolute_url())
    cache.clear()  # cold fragments again (the person's roles among them): like with like
    with django_assert_num_queries(expected):
        client.get(large.get_absolute_url() + "?page=50")
    # Signed in, read already: no write, and the thread and posts come from the fragment
    # cache. Signed out, a second visit is served from the page cache.
    client.get(small.get_absolute_url())
    with django_assert_max_num_queries(expected - 3 if signed_in else 0):
        client.get(small.get_absolute_url())


def test_thread_page_queries_as_moderator(client, make_thread, user, moderator):
    small = make_thread(title="Small")
    large = add_posts(make_thread(title="Large"), user, 999)
    client.force_login(moderator)
    small_count = count_queries(client, small.get_absolute_url())
    cache.clear()  # cold fragments again: like with like
    assert small_count == count_queries(client, large.get_absolute_url() + "?page=3")


@pytest.mark.parametrize("signed_in", [False, True])
def test_thread_lists_do_not_grow_with_threads(client, make_thread, node, other_user, signed_in):
    if signed_in:
        client.force_login(other_user)
    make_thread(title="Only one")
    urls = [reverse("forum:index"), reverse("forum:node", args=[node.pk])]
    before = [count_queries(client, url) for url in urls]
    for i in range(25):
        thread = make_thread(title=f"Thread {i}", token=f"t{i}")
        actions.reply(thread_id=thread.pk, author=other_user, body=f"reply {i}")
    assert [count_queries(client, url) for url in urls] == before


def test_recent_threads_for_the_home_page_is_one_query(make_thread, other_user,
                                                       django_assert_num_queries):
    for i in range(8):
        make_thread(title=f"T{i}", token=f"t{i}")
    with django_assert_num_queries(1):
        threads = Thread.objects.recent(other_user, limit=5)
        assert [t.title for t in threads][:1] and all(t.author.username for t in threads)
        assert all(t.node.name for t in threads)


def test_profile_section_is_bounded(rf, make_thread, user, django_assert_num_queries):
    for i in range(12):
        make_thread(title=f"T{i}", token=f"t{i}")
    with django_assert_num_queries(4):
        ctx = section(user, rf.get("/"))["context"]
    assert len(ctx["threads"]) == 5 and ctx["thread_count"] == 12 and ctx["post_count"] == 12


def test_thread_page_queries_do_not_grow_with_reactions(client, make_thread, user, make_user,
                                                         django_assert_max_num_queries):
    from forum.models import Reaction

    small = make_thread(title="Small")
    large = add_posts(make_thread(title="Large"), user, 19)
    fans = [make_user(f"fan{i}") for i in range(12)]
    Reaction.objects.bulk_create(
        Reaction(post=post, user=fan, kind=kind)
        for post in large.posts.all() for fan in fans for kind in ("like", "thanks", "agree")
    )
    reader = make_user("reader")
    client.force_login(reader)
    expected = count_queries(client, small.get_absolute_url())
    # At most as many (what the first view cached per generation is not asked again).
    with django_assert_max_num_queries(expected):
        response = client.get(large.get_absolute_url())
    assert response.content.decode().count("forum-reaction__count") == 20 * 3
