"""Concurrent tree writes from two database connections leave a valid tree (PostgreSQL)."""

import threading

import pytest
from django.db import connection, connections

from taxonomy import editing
from taxonomy.integrity import find_problems
from taxonomy.models import TaxonomyNode

pytestmark = [
    pytest.mark.postgres,
    # Real commits, so both connections see them; the flush afterwards re-creates the groups
    # (accounts' post_migrate receiver), so no serialized rollback is needed (it would insert
    # them a second time).
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(connection.vendor != "postgresql", reason="needs PostgreSQL"),
]


def run_concurrently(*jobs):
    barrier = threading.Barrier(len(jobs))
    errors = []

    def worker(job):
        try:
            barrier.wait()
            job()
        except Exception as error:  # noqa: BLE001 - reported by the assertion below
            errors.append(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=worker, args=(job,)) for job in jobs]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(30)
    return errors


def test_concurrent_moves_leave_a_valid_tree(tree, editor):
    by_path = {n.path: n for n in TaxonomyNode.objects.all()}
    moves = [
        ("small/hubs", "large"),
        ("medium/startup-cities", "small"),
        ("large/nations", "medium"),
        ("small/pop-up-villages", "medium"),
        ("medium/pop-up-cities", "large"),
        ("large/confederacies", "small"),
    ]
    jobs = [
        (
            lambda source=source, target=target: editing.update_node(
                by_path[source], user=editor, parent=by_path[target]
            )
        )
        for source, target in moves
    ]
    for _ in range(3):
        errors = run_concurrently(*jobs)
        assert errors == []
        assert find_problems() == []
        # Move everything back, concurrently too.
        jobs_back = [
            (
                lambda source=source: editing.update_node(
                    by_path[source], user=editor, parent=by_path[source.split("/")[0]]
                )
            )
            for source, _ in moves
        ]
        assert run_concurrently(*jobs_back) == []
        assert find_problems() == []
    assert TaxonomyNode.objects.get(pk=by_path["small/hubs"].pk).path == "small/hubs"
