"""Threads that existed before discussions had subjects survive the migration: each is about the
node it was on, and listed on that node's board."""

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

BEFORE = [("forum", "0002_moderation_retitle_edit"), ("taxonomy", "0003_versions")]
AFTER = [("forum", "0003_thread_subjects")]


@pytest.mark.django_db(transaction=True)
def test_existing_threads_are_filed_on_their_nodes_board():
    executor = MigrationExecutor(connection)
    executor.migrate(BEFORE)
    apps = executor.loader.project_state(BEFORE).apps
    Node = apps.get_model("taxonomy", "TaxonomyNode")
    Thread = apps.get_model("forum", "Thread")
    tree = {"tree_id": 1, "level": 0}
    root = Node.objects.create(name="Root", slug="root", path="", kind="root", lft=1, rght=4,
                               **tree)
    hubs = Node.objects.create(name="Hubs", slug="hubs", path="hubs", kind="category",
                               parent=root, lft=2, rght=3, tree_id=1, level=1)
    old = [Thread.objects.create(node=node, title=f"On {node.name}", post_count=1)
           for node in (root, hubs, hubs)]

    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(AFTER)
    apps = executor.loader.project_state(AFTER).apps
    Thread = apps.get_model("forum", "Thread")
    for before in old:
        after = Thread.objects.get(pk=before.pk)
        assert after.title == before.title
        assert (after.subject_kind, after.subject_id) == ("node", before.node_id)
        assert list(after.boards.values_list("pk", flat=True)) == [before.node_id]

    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(executor.loader.graph.leaf_nodes())
