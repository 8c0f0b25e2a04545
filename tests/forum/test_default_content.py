"""The forum's default content: one pinned welcome thread in the general discussion, once."""

from io import StringIO

from forum import default_content
from forum.models import Thread


def test_welcome_thread_is_created_once_and_never_overwritten(root):
    default_content.load(StringIO())
    thread = Thread.objects.get()
    assert thread.node == root and thread.pinned and thread.posts.count() == 1
    assert "<strong>Small</strong>" in thread.posts.get().html
    Thread.objects.filter(pk=thread.pk).update(title=default_content.TITLE, pinned=False)
    default_content.load(StringIO())
    assert Thread.objects.count() == 1 and not Thread.objects.get().pinned


def test_without_a_taxonomy_it_does_nothing(db):
    out = StringIO()
    default_content.load(out)
    assert not Thread.objects.exists() and "skipped" in out.getvalue()
