"""With REDIS_URL set and Redis down or hanging, people can still sign up, log in (and fail to),
reply in the forum and read pages: the cache fails soft (network_societies/cache.py) and the rate
limiters fail open with a warning. A throwaway redis-server on a spare port is killed (down) or
stopped with SIGSTOP (hanging: connections are accepted and never answered); the shared one on
6379 is never touched."""

import logging
import shutil
import signal
import socket
import subprocess
import time

import pytest
from django.contrib.auth import get_user_model
from django.test import override_settings

from forum import actions
from forum.models import Post
from taxonomy.models import Kind, TaxonomyNode
from tests.conftest import PASSWORD, spare_port

pytestmark = pytest.mark.skipif(not shutil.which("redis-server"), reason="needs redis-server")


@pytest.fixture
def redis_server(tmp_path):
    port = spare_port()
    process = subprocess.Popen(
        ["redis-server", "--port", str(port), "--bind", "127.0.0.1", "--save", "",
         "--appendonly", "no", "--dir", str(tmp_path)],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )
    for _ in range(100):
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.1).close()
            break
        except OSError:
            time.sleep(0.05)
    yield process, port
    process.send_signal(signal.SIGCONT)
    process.kill()
    process.wait(timeout=10)


@pytest.fixture
def redis_cache(redis_server):
    process, port = redis_server
    caches = {"default": {
        "BACKEND": "network_societies.cache.FailSoftRedisCache",
        "LOCATION": f"redis://127.0.0.1:{port}/0",
        "OPTIONS": {"socket_connect_timeout": 0.3, "socket_timeout": 0.3},
    }}
    with override_settings(CACHES=caches):
        yield process


def break_redis(process, how):
    if how == "down":
        process.kill()
        process.wait(timeout=10)
    else:
        process.send_signal(signal.SIGSTOP)


def test_the_cache_works_while_redis_is_up(redis_cache):
    from django.core.cache import cache

    assert cache.add("k", 1) and cache.incr("k") == 2 and cache.get("k") == 2


@pytest.mark.django_db
@pytest.mark.parametrize("how", ["down", "hanging"])
def test_sign_in_sign_up_replies_and_pages_survive_a_redis_outage(
        redis_cache, how, client, user, caplog):
    root = TaxonomyNode.objects.create(name="Root", slug="root", path="", kind=Kind.ROOT)
    node = TaxonomyNode.objects.create(name="Hubs", slug="hubs", path="hubs",
                                       kind=Kind.CATEGORY, parent=root)
    thread = actions.start_thread(node=node, author=user, title="Hubs?", body="Yes.")
    assert client.get("/").status_code == 200  # Redis up: the cache is in use
    break_redis(redis_cache, how)
    started = time.monotonic()
    with caplog.at_level(logging.WARNING):
        wrong = client.post("/accounts/login/", {"login": "alice", "password": "wrong-guess"})
        assert wrong.status_code == 200 and b"errorlist" in wrong.content
        right = client.post("/accounts/login/", {"login": "alice", "password": PASSWORD})
        assert right.status_code == 302 and int(client.session["_auth_user_id"]) == user.pk
        reply = client.post(f"/forum/t/{thread.pk}/reply/", {"body": "Still here."})
        assert reply.status_code == 302
        assert Post.objects.filter(thread=thread, body="Still here.").exists()
        client.logout()
        signup = client.post("/accounts/signup/", {
            "username": "carol", "email": "carol@example.org",
            "password1": PASSWORD, "password2": PASSWORD,
        })
        assert signup.status_code == 302
        assert get_user_model().objects.filter(username="carol").exists()
        for url in ["/", thread.get_absolute_url(), "/taxonomy/"]:
            assert client.get(url).status_code == 200, url
    # One short timeout opens the breaker; the rest answer without waiting for Redis.
    assert time.monotonic() - started < 8
    assert "Cache unavailable" in caplog.text
