"""New and unread as Discourse means them, "mark all as read", and the header's count."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from forum import actions
from forum.models import Thread


def listed(user, **filters):
    return {t.title: (t.is_new, t.unread_count)
            for t in Thread.objects.filter(**filters).for_listing(user)}


@pytest.fixture
def newcomer(make_user):
    return make_user("newcomer")


def test_new_until_opened_then_unread_when_posts_follow(client, make_thread, user, newcomer):
    thread = make_thread(title="Fresh")
    assert listed(newcomer) == {"Fresh": (True, 1)}
    assert Thread.objects.unread_count_for(newcomer) == 1
    client.force_login(newcomer)
    client.get(thread.get_absolute_url())
    assert listed(newcomer) == {"Fresh": (False, 0)}
    actions.reply(thread_id=thread.pk, author=user, body="one")
    actions.reply(thread_id=thread.pk, author=user, body="two")
    assert listed(newcomer) == {"Fresh": (False, 2)}
    assert Thread.objects.unread_count_for(newcomer) == 1


def test_old_threads_are_not_new_to_a_newcomer_but_recent_ones_are(make_thread, user, newcomer,
                                                                     settings):
    settings.FORUM_NEW_THREAD_DAYS = 7
    old, recent = make_thread(title="Old", token="o"), make_thread(title="Recent", token="r")
    Thread.objects.filter(pk=old.pk).update(created_at=timezone.now() - timedelta(days=30))
    Thread.objects.filter(pk=recent.pk).update(created_at=timezone.now() - timedelta(days=3))
    newcomer.date_joined = timezone.now()
    newcomer.save()
    assert listed(newcomer) == {"Old": (False, 0), "Recent": (True, 1)}
    settings.FORUM_NEW_THREAD_DAYS = 1
    assert listed(newcomer) == {"Old": (False, 0), "Recent": (False, 0)}
    # A member since before both: both are new to them until opened.
    newcomer.date_joined = timezone.now() - timedelta(days=60)
    newcomer.save()
    assert listed(newcomer) == {"Old": (True, 1), "Recent": (True, 1)}


def test_own_threads_are_read(make_thread, user):
    make_thread(title="Mine")
    assert listed(user) == {"Mine": (False, 0)}
    assert Thread.objects.unread_count_for(user) == 0


def test_mark_all_read_globally_and_per_board(client, make_thread, node, other_node, newcomer,
                                              user):
    make_thread(title="Here", token="h")
    elsewhere = make_thread(title="There", node=other_node, token="t")
    client.force_login(newcomer)
    response = client.post(reverse("forum:mark_all_read"), {"board": node.pk})
    assert response.status_code == 302
    assert listed(newcomer) == {"Here": (False, 0), "There": (True, 1)}
    actions.reply(thread_id=elsewhere.pk, author=user, body="more")
    client.post(reverse("forum:mark_all_read"))
    assert listed(newcomer) == {"Here": (False, 0), "There": (False, 0)}
    actions.reply(thread_id=elsewhere.pk, author=user, body="later")
    assert listed(newcomer)["There"] == (False, 1)


def test_header_count_and_unread_filter(client, make_thread, newcomer):
    make_thread(title="Fresh", token="f")
    client.force_login(newcomer)
    page = client.get(reverse("forum:index")).content.decode()
    assert 'class="badge nav-count"' in page and ">1<span" in page
    filtered = client.get(reverse("forum:index") + "?show=unread").content.decode()
    assert "Fresh" in filtered
    client.post(reverse("forum:mark_all_read"))
    page = client.get(reverse("forum:index") + "?show=unread").content.decode()
    assert "nav-count" not in page and "all caught up" in page


def test_hidden_threads_do_not_count(make_thread, newcomer):
    thread = make_thread(title="Spam")
    Thread.objects.filter(pk=thread.pk).update(hidden=True)
    assert Thread.objects.visible_to(newcomer).unread_count_for(newcomer) == 0


def test_mark_all_read_needs_post_and_sign_in(client):
    assert client.post(reverse("forum:mark_all_read")).status_code == 302
    assert "login" in client.post(reverse("forum:mark_all_read")).url
