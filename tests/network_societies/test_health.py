"""/healthz for load balancers: 200 with each part's status, 503 when one is down; no session,
no database write."""

import pytest
from django.db import connection
from django.test import override_settings
from django.test.utils import CaptureQueriesContext

pytestmark = pytest.mark.django_db
DATABASE_QUEUE = {"default": {"BACKEND": "django_tasks_db.backend.DatabaseBackend"}}


def test_a_healthy_site_answers_200_with_each_part_and_writes_nothing(client):
    with CaptureQueriesContext(connection) as queries:
        response = client.get("/healthz")
    assert response.status_code == 200
    body = response.json()
    assert body["ok"] is True
    assert {body[part]["ok"] for part in ["database", "cache", "queue", "search"]} == {True}
    assert body["search"]["backend"] in {"whoosh", "postgres"}
    assert not response.cookies  # no session, no CSRF cookie
    assert "no-cache" in response["Cache-Control"]
    statements = [q["sql"].lstrip().split()[0].upper() for q in queries.captured_queries]
    assert set(statements) <= {"SELECT"}, statements


@override_settings(TASKS=DATABASE_QUEUE)
def test_the_queue_depth_is_reported(client):
    from search.tasks import apply_index_updates

    apply_index_updates.enqueue()
    apply_index_updates.enqueue()
    queue = client.get("/healthz").json()["queue"]
    assert queue["backend"] == "database" and queue["ready"] == 2
    assert queue["oldest_seconds"] >= 0


def test_a_part_that_is_down_makes_it_503(client, monkeypatch):
    from search.backends import get_backend

    def broken():
        raise OSError("index gone")

    monkeypatch.setattr(get_backend(), "count", broken)
    response = client.get("/healthz")
    assert response.status_code == 503
    body = response.json()
    assert body["ok"] is False and body["search"] == {
        "ok": False, "error": "OSError", "ms": body["search"]["ms"]}
    assert body["database"]["ok"] is True


@override_settings(CACHES={"default": {
    "BACKEND": "network_societies.cache.FailSoftRedisCache",
    "LOCATION": "redis://127.0.0.1:1/0",  # nothing listens on port 1
    "OPTIONS": {"socket_connect_timeout": 0.2, "socket_timeout": 0.2},
}})
def test_a_cache_that_fails_soft_still_shows_as_down(client):
    response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json()["cache"]["ok"] is False
