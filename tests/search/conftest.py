"""Content for search tests, made through the owning apps' own services."""

import pytest

from taxonomy import editing as taxonomy_editing
from wiki.editing import save_page


@pytest.fixture
def indexed(django_capture_on_commit_callbacks):
    """Run ``fn`` and apply its index updates as a real commit would: ``indexed(fn, *args)``."""

    def run(fn, *args, **kwargs):
        with django_capture_on_commit_callbacks(execute=True):
            return fn(*args, **kwargs)

    return run


@pytest.fixture
def make_page(indexed):
    def make(path, title, markdown="Text.", **fields):
        return indexed(save_page, path=path, title=title, markdown=markdown, author=None,
                       **fields).page

    return make


@pytest.fixture
def small_scale(db, indexed):
    root = indexed(taxonomy_editing.create_node, user=None, parent=None, name="Network societies",
                   slug="network-societies")
    return indexed(taxonomy_editing.create_node, user=None, parent=root, name="Small", slug="small")


@pytest.fixture
def make_thread(indexed, small_scale):
    from forum.models import Post, Thread

    def make(title, *bodies, hidden=False):
        def create():
            thread = Thread.objects.create(node=small_scale, title=title, hidden=hidden)
            for number, body in enumerate(bodies, 1):
                Post.objects.create(thread=thread, number=number, body=body, html=body)
            return thread

        return indexed(create)

    return make
