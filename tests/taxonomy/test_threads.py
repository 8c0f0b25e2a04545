"""The forum's threads on taxonomy pages: counts in the tree (one query) and the latest list."""

import pytest

forum_models = pytest.importorskip("forum.models")


def make_thread(node, author, title, hidden=False):
    return forum_models.Thread.objects.create(node=node, author=author, title=title, hidden=hidden)


def test_thread_counts_and_latest_threads(client, tree, user, django_assert_max_num_queries):
    hubs = tree["small/hubs"]
    make_thread(hubs, user, "Are hubs small?")
    make_thread(hubs, user, "Hidden spam", hidden=True)
    html = client.get("/taxonomy/").content.decode()
    assert "1 thread<" in html
    page = client.get("/taxonomy/small/hubs/").content.decode()
    assert "Are hubs small?" in page and "Hidden spam" not in page
    for i in range(20):
        make_thread(hubs, user, f"More {i}")
    with django_assert_max_num_queries(9):
        client.get("/taxonomy/small/hubs/")
