"""The forum's threads on taxonomy pages: counts in the tree (one query) and the latest list."""

from forum.models import Thread


def make_thread(node, author, title, hidden=False):
    return Thread.objects.create(node=node, author=author, title=title, hidden=hidden)


def test_thread_counts_and_latest_threads(client, tree, user, django_assert_max_num_queries):
    hubs = tree["small/hubs"]
    make_thread(hubs, user, "Are hubs small?")
    make_thread(hubs, user, "Hidden spam", hidden=True)
    html = client.get("/taxonomy/").content.decode()
    assert "<span>1 discussion</span>" in html
    page = client.get("/taxonomy/small/hubs/").content.decode()
    assert "Are hubs small?" in page and "Hidden spam" not in page
    for i in range(20):
        make_thread(hubs, user, f"More {i}")
    with django_assert_max_num_queries(14):
        client.get("/taxonomy/small/hubs/")


def test_a_scales_count_includes_its_categories_threads(client, tree, user):
    make_thread(tree["small/hubs"], user, "Are hubs small?")
    make_thread(tree["small"], user, "What is small?")
    page = client.get("/taxonomy/small/").content.decode()
    assert '<a href="#discussion">2</a> <span class="meta">(with its categories)</span>' in page
    assert "Are hubs small?" in page and "What is small?" in page
    board = client.get(f"/forum/n/{tree['small'].pk}/").content.decode()
    assert "Are hubs small?" in board
