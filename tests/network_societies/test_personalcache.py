"""Signed-in readers' pages come from the cache per person and browser, and are never stale:
another person's edit, a notification, the person's own action, a thread read further, a
message, signing out and a new password are all seen at once; nobody gets someone else's page."""

import pytest
from django.contrib.auth import get_user_model
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from forum import actions
from network_societies import personalcache
from notifications.service import notify
from search.outbox import drain
from taxonomy.models import TaxonomyNode
from wiki.editing import save_page

pytestmark = pytest.mark.django_db


@pytest.fixture
def page():
    return save_page(path="hubs", title="Hubs", markdown="Coworking hubs.", author=None).page


def signed_in(user):
    client = Client()
    client.force_login(user)
    return client


def get(client, url):
    response = client.get(url)
    assert response.status_code == 200, (url, response.status_code)
    return response


def cached(client, url):
    """The third visit: the first one after signing in notes the session's last-seen time (a
    write: nothing is stored), the second stores the page."""
    get(client, url)
    get(client, url)
    return get(client, url)


def test_a_stored_page_costs_only_the_session(page, user):
    alice = signed_in(user)
    get(alice, "/hubs")
    first = get(alice, "/hubs")
    with CaptureQueriesContext(connection) as queries:
        second = get(alice, "/hubs")
    # Without Redis the session is in the database (with it, in the cache: no query at all).
    assert [query["sql"].split(" FROM ")[1].split()[0] for query in queries] == ['"django_session"']
    assert second["X-Page-Cache"] == "personal"
    assert second.content == first.content
    assert user.username.encode() in second.content


def test_nobody_gets_another_persons_page(page, user, other_user):
    alice, bob = signed_in(user), signed_in(other_user)
    cached(alice, "/hubs")
    mine = get(bob, "/hubs")
    assert mine.get("X-Page-Cache") != "personal"
    assert other_user.username.encode() in mine.content
    assert user.username.encode() not in mine.content


def test_another_browser_of_the_same_person_gets_its_own_page(page, user):
    laptop, phone = signed_in(user), signed_in(user)
    cached(laptop, "/hubs")
    assert get(phone, "/hubs").get("X-Page-Cache") != "personal"


def test_an_edit_by_someone_else_is_seen_at_once(page, user, editor):
    alice = signed_in(user)
    assert cached(alice, "/hubs")["X-Page-Cache"] == "personal"
    editing = signed_in(editor)
    form = editing.get("/wiki/edit/hubs").context["form"]
    data = {**form.initial, "markdown": "Hubs, rewritten.", "summary": "rewrite"}
    data = {name: value for name, value in data.items() if value is not None}
    assert editing.post("/wiki/edit/hubs", data).status_code == 302
    assert b"Hubs, rewritten." in get(alice, "/hubs").content


def test_a_notification_made_elsewhere_is_counted_at_once(page, user, other_user):
    alice = signed_in(user)
    assert b"unread)" not in cached(alice, "/hubs").content
    notify([user], actor=other_user, verb="replied", text="A reply", url="/hubs")  # a task
    assert b"Notifications (1 unread)" in get(alice, "/hubs").content


def test_the_persons_own_action_is_seen_at_once_with_its_message(page, user):
    alice = signed_in(user)
    assert b"Stop watching" not in cached(alice, "/hubs").content
    response = alice.post("/wiki/watch/hubs", {"watch": "on", "next": "/hubs"}, follow=True)
    assert b"You will be notified when this page changes." in response.content
    after = get(alice, "/hubs")
    assert after.get("X-Page-Cache") != "personal" or b"Stop watching" in after.content
    assert b"You will be notified" not in after.content  # a message is shown once


def test_a_row_pointing_at_the_person_moves_their_generation(user):
    before = personalcache.generation_of(user.pk)
    TaxonomyNode.objects.create(name="Hubs", slug="hubs-node")  # points at nobody
    assert personalcache.generation_of(user.pk) == before
    get_user_model().objects.filter(pk=user.pk).get().save()
    assert personalcache.generation_of(user.pk) != before


def test_reading_a_thread_further_is_never_cached_stale(user, other_user):
    node = TaxonomyNode.objects.create(name="Hubs", slug="hubs-node")
    thread = actions.start_thread(node=node, author=other_user, title="Where?", body="First.")
    alice = signed_in(user)
    url = thread.get_absolute_url()
    cached(alice, url)
    actions.reply(thread_id=thread.pk, author=other_user, body="A second post.")
    assert b"A second post." in get(alice, url).content
    # Reading it wrote how far she read: the page after that is rendered again, then stored.
    assert get(alice, url).get("X-Page-Cache") != "personal"
    assert get(alice, url)["X-Page-Cache"] == "personal"


def test_a_signed_out_session_never_gets_its_stored_page(page, user):
    alice = signed_in(user)
    cached(alice, "/hubs")
    stolen = Client()
    stolen.cookies = alice.cookies.__class__(alice.cookies)  # the same cookies, copied
    alice.post("/accounts/logout/")
    response = get(stolen, "/hubs")
    assert response.get("X-Page-Cache") != "personal"
    assert user.username.encode() not in response.content


def test_a_new_password_ends_the_old_sessions_pages(page, user):
    alice = signed_in(user)
    cached(alice, "/hubs")
    user.set_password("a brand new password 1234")
    user.save()
    response = get(alice, "/hubs")
    assert response.get("X-Page-Cache") != "personal"
    assert user.username.encode() not in response.content  # signed out: the hash changed


def test_a_repeated_search_is_a_personal_page_until_the_site_changes(page, user):
    alice = signed_in(user)
    assert cached(alice, "/search/?q=coworking")["X-Page-Cache"] == "personal"
    save_page(path="desks", title="Desks", markdown="Coworking desks.", author=None)
    drain()  # the worker indexes it
    fresh = get(alice, "/search/?q=coworking")
    assert fresh.get("X-Page-Cache") != "personal" and b"Desks" in fresh.content
