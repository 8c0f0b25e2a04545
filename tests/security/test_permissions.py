"""Anonymous, signed-in, owner, Editor and Moderator against every action that changes data:
exactly the allowed roles change anything, the others get a refusal (login, 403 or 404) and
nothing is written. The allowed role's POST is the control that the data was valid."""

import pytest
from django.db import transaction
from django.test import Client

from .checks import capture, writes
from .routes import ROUTES, url

ROLES = ["anon", "stranger", "owner", "editor", "moderator"]
# The preview renders text and changes nothing, for anyone.
ACTIONS = sorted(n for n, r in ROUTES.items() if r.post is not None and n != "markup:preview")


def _person(role, world, make_user, route):
    return {
        "anon": lambda: None,
        "stranger": lambda: make_user("stranger"),
        "owner": lambda: world[route.owner],
        "editor": lambda: make_user("ed", "Editors"),
        "moderator": lambda: world["moderator"],
    }[role]()


@pytest.mark.parametrize("name", ACTIONS)
def test_only_allowed_roles_change_data(world, make_user, name):
    route = ROUTES[name]
    target = url(name, world)
    for role in ROLES:
        # Each attempt is rolled back, so every role meets the same world.
        with transaction.atomic():
            client = Client()
            person = _person(role, world, make_user, route)
            if person is not None:
                client.force_login(person)
            with capture() as queries:
                response = client.post(target, route.post(world))
            transaction.set_rollback(True)
        assert response.status_code < 500, (name, role)
        changed = writes(queries.captured_queries, allowed=("django_session",))
        if role in route.allowed:
            assert changed, f"{role} could not {name}: {response.status_code}"
            continue
        assert changed == [], f"{role} changed data with {name}"
        if role == "anon":
            assert response.status_code in (302, 403, 404)
            if response.status_code == 302:
                assert response["Location"].startswith("/accounts/login/")


@pytest.mark.parametrize("name", ["wiki:edit", "wiki:revert", "wiki:move"])
def test_a_protected_page_is_changed_by_editors_only(world, make_user, name):
    from wiki.models import Page

    Page.objects.filter(pk=world["page"].pk).update(protected=True)
    route = ROUTES[name]
    for person, may in [(make_user("stranger"), False), (world["author"], False),
                        (make_user("ed", "Editors"), True)]:
        with transaction.atomic():
            client = Client()
            client.force_login(person)
            with capture() as queries:
                response = client.post(url(name, world), route.post(world))
            transaction.set_rollback(True)
        changed = writes(queries.captured_queries, allowed=("django_session",))
        assert bool(changed) == may, (person.username, name, response.status_code)


@pytest.mark.parametrize("target", ["/wiki/recycle-bin/", "/forum/moderation/"])
def test_moderator_queues_are_for_moderators(world, make_user, target):
    anon = Client().get(target)
    assert anon.status_code in (302, 403) and "secret" not in anon.content.decode()
    for person in (make_user("stranger"), make_user("ed", "Editors")):
        client = Client()
        client.force_login(person)
        assert client.get(target).status_code == 403, (person.username, target)
    client = Client()
    client.force_login(world["moderator"])
    assert client.get(target).status_code == 200
