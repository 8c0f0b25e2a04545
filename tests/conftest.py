"""Fixtures every app's tests share: people in each role."""

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.cache import cache

from activity import visits
from network_societies import fragments

PASSWORD = "correct horse battery staple"


def spare_port():
    """A free TCP port on 127.0.0.1, for a throwaway server a test starts (SMTP, Redis, …)."""
    import socket

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture(autouse=True)
def _isolated_search_index():
    """Every test gets its own empty search index (tests/search/isolation.py)."""
    from tests.search.isolation import isolated_index

    with isolated_index():
        yield


def pytest_collection_modifyitems(config, items):
    """Skip tests marked ``postgres`` when the suite runs on another database (SQLite)."""
    from django.db import connection

    if connection.vendor == "postgresql":
        return
    skip = pytest.mark.skip(reason="needs PostgreSQL: set DATABASE_URL=postgres://...")
    for item in items:
        if "postgres" in item.keywords:
            item.add_marker(skip)


@pytest.fixture(autouse=True)
def empty_cache():
    """Rate limits, cached pages and fragments live in the cache (fragments in each process's
    memory too): each test starts with none of them."""
    cache.clear()
    fragments.LOCAL.clear()
    visits.TOUCHED_HERE.clear()
    yield
    cache.clear()
    fragments.LOCAL.clear()
    visits.TOUCHED_HERE.clear()


def create_user(username="alice", *groups, **fields):
    """An active user with a verified email, optionally in groups (for module-scoped fixtures;
    tests use ``make_user``)."""
    user = get_user_model().objects.create_user(
        username=username, email=fields.pop("email", f"{username}@example.org"),
        password=PASSWORD, **fields,
    )
    for name in groups:
        user.groups.add(Group.objects.get_or_create(name=name)[0])
    return user


@pytest.fixture
def make_user(db):
    """Create an active user with a verified email, optionally in groups."""
    return create_user


@pytest.fixture
def user(make_user):
    return make_user("alice")


@pytest.fixture
def other_user(make_user):
    return make_user("bob")


@pytest.fixture
def editor(make_user):
    return make_user("edna", "Editors")


@pytest.fixture
def moderator(make_user):
    return make_user("mo", "Moderators")


@pytest.fixture
def user_client(client, user):
    client.force_login(user)
    return client


@pytest.fixture
def editor_client(client, editor):
    client.force_login(editor)
    return client


@pytest.fixture
def moderator_client(client, moderator):
    client.force_login(moderator)
    return client
