"""Concurrent replies from several database connections get distinct, gapless numbers."""

import threading

import pytest
from django.db import connection, connections

from forum import actions
from forum.models import Thread


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_concurrent_replies_are_numbered_without_collisions(make_thread, make_user):
    if connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL (several connections writing at once)")
    thread = make_thread()
    people = [make_user(f"writer{i}") for i in range(6)]
    barrier = threading.Barrier(len(people))
    errors = []

    def write(person):
        try:
            barrier.wait()
            for n in range(3):
                actions.reply(thread_id=thread.pk, author=person, body=f"{person} {n}")
        except Exception as exc:  # noqa: BLE001 - reported below
            errors.append(exc)
        finally:
            connections.close_all()

    workers = [threading.Thread(target=write, args=(p,)) for p in people]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join()
    assert errors == []
    thread = Thread.objects.get(pk=thread.pk)
    numbers = sorted(thread.posts.values_list("number", flat=True))
    assert numbers == list(range(1, 20)) and thread.post_count == 19
