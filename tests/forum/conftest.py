"""Forum fixtures: a small taxonomy to talk about, and threads with posts."""

import pytest

from forum import actions
from forum.models import Post
from taxonomy.models import Kind, TaxonomyNode


@pytest.fixture
def root(db):
    return TaxonomyNode.objects.create(
        name="Network societies", slug="network-societies", path="", kind=Kind.ROOT
    )


@pytest.fixture
def node(root):
    return TaxonomyNode.objects.create(
        name="Pop-up villages", slug="pop-up-villages", path="pop-up-villages",
        kind=Kind.CATEGORY, parent=root,
    )


@pytest.fixture
def other_node(root):
    return TaxonomyNode.objects.create(
        name="Hubs", slug="hubs", path="hubs", kind=Kind.CATEGORY, parent=root
    )


@pytest.fixture
def make_thread(node, user):
    def make(title="How big is a pop-up village?", body="About 150 people, I think.", **kw):
        return actions.start_thread(
            node=kw.pop("node", node), author=kw.pop("author", user), title=title, body=body, **kw
        )

    return make


@pytest.fixture
def thread(make_thread):
    return make_thread()


def add_posts(thread, author, count):
    """Bulk-add ``count`` plain posts after the thread's last one (fast, for size tests)."""
    start = thread.post_count
    Post.objects.bulk_create(
        Post(thread=thread, number=start + i, author=author, body=f"Post {start + i}",
             html=f"<p>Post {start + i}</p>", renderer_version=10**6)
        for i in range(1, count + 1)
    )
    thread.post_count = start + count
    thread.save(update_fields=["post_count"])
    return thread
