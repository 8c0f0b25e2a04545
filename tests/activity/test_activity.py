"""Since your last visit: visits, what each app contributes, the page and the home page."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from activity import registry, visits
from activity.models import Visit
from forum import actions
from forum.models import NodeSubscription
from proposals.models import Kind
from taxonomy.editing import update_node
from wiki.editing import save_page
from wiki.models import Watch


@pytest.fixture
def reader(make_user):
    person = make_user("reader")
    person.date_joined = timezone.now() - timedelta(days=90)
    person.save()
    return person


def titles(groups):
    return {group.key: [item.text for item in group.items] for group in groups}


def test_a_visit_ends_after_the_gap(reader, settings):
    settings.ACTIVITY_VISIT_GAP_MINUTES = 60
    start = timezone.now().timestamp() - 5 * 3600
    visits.touch(reader, now=start)
    visits.touch(reader, now=start + 600)
    visits.touch(reader, now=start + 3600)  # 50 minutes after the last request: the same visit
    assert visits.last_visit(reader, now=start + 3700) < timezone.now() - timedelta(days=6)
    visits.touch(reader, now=start + 4 * 3600)  # a new visit: the first one ended at +1 h
    assert visits.last_visit(reader, now=start + 4 * 3600 + 60).timestamp() == start + 3600
    # The first request of the visit after (before the middleware records it).
    assert visits.last_visit(reader, now=start + 6 * 3600).timestamp() == start + 4 * 3600


def test_without_any_record_it_looks_back_a_week_or_to_joining(reader, make_user):
    assert timezone.now() - visits.last_visit(reader) == pytest.approx(
        visits.FIRST_LOOK_BACK, abs=timedelta(seconds=5))
    newcomer = make_user("newcomer")
    assert visits.last_visit(newcomer) == newcomer.date_joined


def test_the_database_remembers_when_the_cache_forgets(reader):
    from django.core.cache import cache

    moment = timezone.now() - timedelta(days=2)
    visits.remember(reader, moment)
    cache.clear()
    assert visits.last_visit(reader) == moment
    assert Visit.objects.get(user=reader).previous_visit_at == moment


def test_groups_from_every_app(tree, reader, user, other_user, propose):
    since = timezone.now()  # after the default tree was made
    # A watched page edited by someone else; an unwatched one is not listed.
    save_page(path="guides/visas", title="Visas", markdown="v1", author=user)
    save_page(path="guides/food", title="Food", markdown="f1", author=user)
    page = save_page(path="guides/visas", title="Visas", markdown="v2", author=other_user).page
    Watch.objects.create(user=reader, page=page)
    # The taxonomy, by someone else.
    node = tree["small/pop-up-villages"]
    update_node(node, user=user, summary="Villages for a month or two.", reason="clearer")
    # A watched board's new thread, a watched thread's new posts, an unwatched thread.
    NodeSubscription.objects.create(user=reader, node=node)
    actions.start_thread(node=node, author=user, title="Kitchens", body="How many?")
    followed = actions.start_thread(node=tree["small/hubs"], author=user, title="Hub rents",
                                    body="?", token="r")
    actions.reply(thread_id=followed.pk, author=reader, body="Mine is 400.")
    actions.reply(thread_id=followed.pk, author=other_user, body="Mine 600.")
    actions.start_thread(node=tree["small/hubs"], author=user, title="Not followed", body="x",
                         token="n")
    # An open proposal, and one the reader already voted on.
    propose(Kind.RETIRE_NODE, node=tree["large/nations"])
    found = titles(registry.collect(reader, since))
    assert found["pages"] == ["Visas"]
    assert found["taxonomy"] == ["Pop-up villages"]
    assert found["forum"] == ["Hub rents", "Kitchens"]  # latest activity first
    assert len(found["proposals"]) == 1
    # Their own proposal is not waiting for their vote; nothing happened after now.
    assert registry.collect(user, timezone.now()) == []


def test_activity_page_and_home(client, tree, reader, user):
    node = tree["small/pop-up-villages"]
    NodeSubscription.objects.create(user=reader, node=node)
    visits.remember(reader, timezone.now() - timedelta(hours=3))
    actions.start_thread(node=node, author=user, title="Kitchens <b>for</b> 200", body="?")
    client.force_login(reader)
    page = client.get(reverse("activity:index")).content.decode()
    assert "Since your last visit" in page and "Kitchens &lt;b&gt;for&lt;/b&gt; 200" in page
    assert "new thread by alice" in page
    home = client.get("/").content.decode()
    assert "Since your last visit" in home and "Kitchens &lt;b&gt;for&lt;/b&gt; 200" in home


def test_activity_page_needs_sign_in(client):
    assert "login" in client.get(reverse("activity:index")).url


def test_activity_queries_do_not_grow(client, tree, reader, user, django_assert_max_num_queries):
    node = tree["small/pop-up-villages"]
    NodeSubscription.objects.create(user=reader, node=node)
    visits.remember(reader, timezone.now() - timedelta(hours=3))
    client.force_login(reader)
    client.get(reverse("activity:index"))
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from network_societies import pagecache

    # Both measured right after a content change, when what is cached per generation (roles)
    # is asked again.
    pagecache.invalidate()
    with CaptureQueriesContext(connection) as few:
        client.get(reverse("activity:index"))
    for i in range(30):
        actions.start_thread(node=node, author=user, title=f"Thread {i}", body="?", token=f"{i}")
        update_node(node, user=user, summary=f"Summary {i}")
    with django_assert_max_num_queries(len(few)):
        client.get(reverse("activity:index"))
