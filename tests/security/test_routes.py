"""The route table covers the whole URLconf, so no view escapes the audit's sweeps."""

from .routes import ROUTES, project_routes


def test_every_route_of_ours_is_in_the_audit_table():
    names = {name for name, _ in project_routes()}
    assert names, "enumerating the URLconf found nothing"
    assert names - set(ROUTES) == set(), "add these routes to tests/security/routes.py"
    assert set(ROUTES) - names == set(), "these routes no longer exist"


def test_post_only_routes_refuse_get(world, client):
    """A route that only changes data answers a GET with 405, never by acting."""
    from .routes import url

    client.force_login(world["moderator"])
    for name, route in ROUTES.items():
        if not route.get:
            assert client.get(url(name, world)).status_code == 405, name
