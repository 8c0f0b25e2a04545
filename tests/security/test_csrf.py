"""Every view that changes data refuses a POST without a CSRF token and writes nothing."""

import pytest
from django.test import Client

from .checks import capture, writes
from .routes import ROUTES, url

POST_ROUTES = sorted(name for name, route in ROUTES.items() if route.post is not None)


@pytest.mark.parametrize("name", POST_ROUTES)
def test_post_without_csrf_token_is_refused(world, make_user, name):
    client = Client(enforce_csrf_checks=True)
    # The most powerful person, so only the missing token can be the reason for a refusal.
    client.force_login(make_user("boss", "Editors", "Moderators"))
    route = ROUTES[name]
    # The address and the data first: making them may write (a facet for the facet routes).
    target, data = url(name, world), route.post(world) or {"text": "x"}
    with capture() as queries:
        response = client.post(target, data)
    assert response.status_code == 403, name
    assert writes(queries.captured_queries) == [], name


def test_the_same_post_with_a_token_goes_through(world, make_user):
    """The control: the refusal above is the token's doing, not the data's."""
    client = Client(enforce_csrf_checks=True)
    client.force_login(make_user("boss", "Editors", "Moderators"))
    client.get(url("accounts:settings", world))
    token = client.cookies["csrftoken"].value
    response = client.post(url("accounts:settings", world),
                           {"bio": "Hi", "csrfmiddlewaretoken": token})
    assert response.status_code == 302


def test_every_mutating_route_is_in_the_csrf_sweep():
    """Every route whose table entry allows someone to change data is swept above."""
    assert {n for n, r in ROUTES.items() if r.allowed} <= set(POST_ROUTES)
