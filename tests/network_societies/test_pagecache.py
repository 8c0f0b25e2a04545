"""Anonymous pages come from the cache, with ETag/Last-Modified and 304s, and every change (an
edit, a reply, a rename, a taxonomy move) is seen at once, also by a second server sharing the
cache; signed-in people and pages that set cookies are never served from it."""

import pytest
from django.core.cache import cache
from django.test import Client

from forum import actions
from network_societies import pagecache
from taxonomy import editing as taxonomy_editing
from wiki.editing import save_page

pytestmark = pytest.mark.django_db


@pytest.fixture
def page():
    return save_page(path="hubs", title="Hubs", markdown="Coworking hubs.", author=None).page


@pytest.fixture
def tree():
    root = taxonomy_editing.create_node(user=None, parent=None, name="Network societies",
                                        slug="network-societies")
    small = taxonomy_editing.create_node(user=None, parent=root, name="Small", slug="small")
    large = taxonomy_editing.create_node(user=None, parent=root, name="Large", slug="large")
    villages = taxonomy_editing.create_node(user=None, parent=small, name="Pop-up villages",
                                            slug="pop-up-villages")
    return {"root": root, "small": small, "large": large, "villages": villages}


def get(client, url, **headers):
    response = client.get(url, headers=headers)
    assert response.status_code in (200, 304), (url, response.status_code)
    return response


def test_a_second_anonymous_visit_is_a_cache_hit_without_sql(client, page,
                                                             django_assert_num_queries):
    first = get(client, "/hubs")
    assert first["X-Page-Cache"] == "miss"
    with django_assert_num_queries(0):
        second = get(client, "/hubs")
    assert second["X-Page-Cache"] == "hit"
    assert second.content == first.content


def test_etag_and_last_modified_give_304s(client, page):
    first = get(client, "/hubs")
    assert first["ETag"] and first["Last-Modified"]
    assert get(client, "/hubs", if_none_match=first["ETag"]).status_code == 304
    assert get(client, "/hubs", if_modified_since=first["Last-Modified"]).status_code == 304


def test_an_edit_is_seen_at_once_on_this_server_and_another(client, page, editor):
    other_server = Client()  # shares the cache, as a second app server shares Redis
    assert b"Coworking hubs." in get(client, "/hubs").content
    assert b"Coworking hubs." in get(other_server, "/hubs").content
    editing = Client()
    editing.force_login(editor)
    save_page(path="hubs", title="Hubs", markdown="Coliving hubs now.", author=editor)
    for reader in (other_server, client):  # the first renders it anew, the second reuses that
        assert b"Coliving hubs now." in get(reader, "/hubs").content


def test_a_reply_posted_through_the_site_is_seen_at_once(client, tree, user, other_user):
    thread = actions.start_thread(node=tree["villages"], author=user, title="Size?", body="150.")
    url = thread.get_absolute_url()
    get(client, url)
    assert get(client, url)["X-Page-Cache"] == "hit"
    writer = Client()
    writer.force_login(other_user)
    assert writer.post(f"/forum/t/{thread.pk}/reply/", {"body": "More like 300."}).status_code \
        == 302
    assert b"More like 300." in get(client, url).content


def test_a_rename_and_a_move_in_the_taxonomy_are_seen_at_once(client, tree):
    get(client, "/taxonomy/")
    taxonomy_editing.update_node(tree["villages"], user=None, name="Pop-up cities")
    assert b"Pop-up cities" in get(client, "/taxonomy/").content
    before = get(client, "/taxonomy/").content
    taxonomy_editing.update_node(tree["villages"], user=None, parent=tree["large"])
    after = get(client, "/taxonomy/")
    assert after["X-Page-Cache"] == "miss" and after.content != before


def test_signed_in_people_are_never_served_a_cached_page(client, page, user):
    get(client, "/hubs")
    client.force_login(user)
    response = get(client, "/hubs")
    assert "X-Page-Cache" not in response
    assert user.username.encode() in response.content


def test_pages_that_set_a_cookie_are_not_cached(client):
    response = get(client, "/accounts/login/")  # a form: its CSRF cookie is this visitor's
    assert response.cookies and "X-Page-Cache" not in response
    assert "X-Page-Cache" not in get(Client(), "/accounts/login/")


def test_bookkeeping_writes_keep_the_cache(client, page, user):
    before = pagecache.generation()
    client.post("/accounts/login/", {"login": "alice", "password": "wrong"})
    assert pagecache.generation() == before
    cache.clear()
    assert pagecache.generation() > 0  # a cleared cache starts a new generation


def test_a_search_cached_before_the_worker_indexed_an_edit_shows_it_once_indexed(client):
    from search.outbox import drain

    save_page(path="zebra", title="Zebra", markdown="Zebracorn sightings.", author=None)
    # The worker has not run yet (the outbox row waits): the search finds nothing, and is cached.
    assert b'href="/zebra"' not in get(client, "/search/?q=zebracorn").content
    assert get(client, "/search/?q=zebracorn")["X-Page-Cache"] == "hit"
    assert drain() >= 1
    assert b'href="/zebra"' in get(client, "/search/?q=zebracorn").content
    assert get(client, "/search/?q=zebracorn")["X-Page-Cache"] == "hit"


def test_a_hit_carries_the_headers_the_page_left_with(client, page):
    first = get(client, "/hubs")
    second = get(client, "/hubs")
    assert second["X-Page-Cache"] == "hit"
    for header in ("Content-Security-Policy", "X-Frame-Options", "X-Content-Type-Options",
                   "Referrer-Policy", "Permissions-Policy", "ETag", "Last-Modified"):
        assert second[header] == first[header], header


def test_a_plain_http_request_is_redirected_not_served_from_the_cache(client, page, settings):
    settings.SECURE_SSL_REDIRECT = True
    get_secure = client.get("/hubs", secure=True)
    assert client.get("/hubs", secure=True)["X-Page-Cache"] == "hit", get_secure
    plain = client.get("/hubs")
    assert plain.status_code == 301 and plain["Location"] == "https://testserver/hubs"


def test_a_changed_setting_or_a_deploy_starts_a_new_generation(client, page, settings):
    get(client, "/hubs")
    before = pagecache.generation()
    settings.PERMISSIONS_POLICY = "camera=()"
    assert pagecache.generation() != before
    assert get(client, "/hubs")["Permissions-Policy"] == "camera=()"
