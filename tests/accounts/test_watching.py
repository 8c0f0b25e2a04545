"""The watchlist (/accounts/watching/): what a person watches across the wiki and the forum,
with a stop-watching button that brings them back; and recent changes of watched pages."""

import pytest
from django.urls import reverse

from forum import actions
from forum.models import NodeSubscription, ThreadSubscription
from taxonomy.models import Kind, TaxonomyNode
from wiki.editing import delete_page, save_page
from wiki.models import Watch

pytestmark = pytest.mark.django_db
URL = "/accounts/watching/"


@pytest.fixture
def node(db):
    root = TaxonomyNode.objects.create(name="Network societies", slug="ns", path="",
                                       kind=Kind.ROOT)
    return TaxonomyNode.objects.create(name="Hubs", slug="hubs", path="hubs",
                                       kind=Kind.CATEGORY, parent=root)


def watch_things(user, other_user, node, count):
    for n in range(count):
        save_page(path=f"watched/p{n}", title=f"Watched page {n}", markdown="v1", author=user)
        thread = actions.start_thread(node=node, author=user, title=f"Watched thread {n}",
                                      body="First post")
        actions.reply(thread_id=thread.pk, author=other_user, body="A reply")
    NodeSubscription.objects.get_or_create(user=user, node=node)


def test_lists_watched_pages_threads_and_forums_with_unread_counts(
        user_client, user, other_user, node):
    watch_things(user, other_user, node, 2)
    save_page(path="not-watched", title="Someone else's page", markdown="x", author=other_user)

    html = user_client.get(URL).content.decode()

    assert "Watched page 0" in html and "Watched page 1" in html
    assert "Someone else" not in html
    assert "Watched thread 1" in html and "1 new" in html
    assert f'action="/forum/n/{node.pk}/watch/"' in html
    assert html.count("Stop watching</button>") == 5


def test_a_deleted_page_drops_out_of_the_watchlist(user_client, user, node):
    page = save_page(path="gone", title="Gone soon", markdown="x", author=user).page
    delete_page(page, by=user)
    assert "Gone soon" not in user_client.get(URL).content.decode()


@pytest.mark.parametrize("count", [1, 15])
def test_the_watchlist_makes_the_same_queries_however_much_is_watched(
        user_client, user, other_user, node, count, django_assert_max_num_queries):
    watch_things(user, other_user, node, count)
    with django_assert_max_num_queries(10):
        assert user_client.get(URL).status_code == 200


def test_stop_watching_returns_to_the_watchlist(user_client, user, other_user, node):
    watch_things(user, other_user, node, 1)
    thread_sub = ThreadSubscription.objects.get(user=user)

    page_reply = user_client.post(reverse("wiki:watch", args=["watched/p0"]),
                                  {"watch": "off", "next": URL})
    thread_reply = user_client.post(reverse("forum:watch_thread", args=[thread_sub.thread_id]),
                                    {"watch": "0", "next": URL})

    assert page_reply.url == URL and thread_reply.url == URL
    assert not Watch.objects.filter(user=user).exists()
    assert not ThreadSubscription.objects.filter(user=user).exists()


def test_next_never_leads_off_the_site(user_client, user, node):
    save_page(path="here", title="Here", markdown="x", author=user)
    reply = user_client.post(reverse("wiki:watch", args=["here"]),
                             {"watch": "off", "next": "https://evil.example.org/"})
    assert reply.url == "/here"


def test_anonymous_people_are_asked_to_log_in(client):
    reply = client.get(URL)
    assert reply.status_code == 302 and "/accounts/login/" in reply.url


def test_recent_changes_can_show_only_watched_pages(user_client, user, other_user):
    save_page(path="mine", title="Mine", markdown="v1", author=user)
    save_page(path="theirs", title="Theirs", markdown="v1", author=other_user)
    save_page(path="mine", title="Mine", markdown="v2", author=other_user, base_revision=1)

    html = user_client.get("/recent/?watched=on").content.decode()

    assert html.count('href="/mine"') >= 1 and 'href="/theirs"' not in html


def test_the_watched_filter_is_not_offered_to_anonymous_people(client):
    assert 'name="watched"' not in client.get("/recent/").content.decode()
