"""GET never changes data, never fails with a server error, and never shows anything executable,
for every page of the site, as an anonymous visitor, a signed-in person and a moderator.

The world's stored HTML is stale (conftest.make_stale), as after a renderer upgrade, so a page
that re-rendered and stored it during a GET would show up here as a write."""

import pytest
from django.test import Client

from .checks import capture, response_problems, writes
from .routes import EXTRA_GETS, ROUTES, url

GET_ROUTES = sorted(name for name, route in ROUTES.items() if route.get)
VIEWERS = ["anon", "author", "boss"]


def _client(client, world, make_user, viewer):
    if viewer == "author":
        client.force_login(world["author"])
    elif viewer == "boss":
        client.force_login(make_user("boss", "Editors", "Moderators"))
    return client


def _targets(world):
    for name in GET_ROUTES:
        yield name, url(name, world) + ROUTES[name].query


@pytest.mark.parametrize("name", GET_ROUTES + EXTRA_GETS)
def test_get_changes_nothing_and_shows_nothing_executable(world, make_user, name):
    target = url(name, world) + ROUTES[name].query if name in ROUTES else name
    for viewer in VIEWERS:  # one world for the three (a GET changes nothing to share)
        client = _client(Client(), world, make_user, viewer)
        with capture() as queries:
            response = client.get(target)
        assert response.status_code < 500, (viewer, target, response.status_code)
        assert writes(queries.captured_queries) == [], (viewer, target)
        assert response_problems(response) == [], (viewer, target)
        # Browsers must not sniff a JSON or feed body into HTML, nor frame a page.
        assert response["X-Content-Type-Options"] == "nosniff", target
        assert response["X-Frame-Options"] == "DENY", target


def test_the_sweep_reads_stale_stored_html_of_every_kind(world):
    from markup.rerender import markup_models, stale_rows

    models = markup_models()
    assert {m._meta.label_lower for m in models} >= {
        "wiki.revision", "taxonomy.taxonomynode", "taxonomy.example", "forum.post",
        "forum.postrevision",
    }
    for model in models:
        assert stale_rows(model).exists(), model


@pytest.mark.parametrize("name", ["forum:thread", "forum:unread", "wiki:page"])
def test_reading_twice_writes_nothing_the_second_time(world, client, name):
    """Read markers are bookkeeping; even they are written only when something new was read."""
    client.force_login(world["author"])
    target = url(name, world)
    client.get(target)
    with capture() as queries:
        client.get(target)
    assert writes(queries.captured_queries, allowed=("django_session",)) == []
