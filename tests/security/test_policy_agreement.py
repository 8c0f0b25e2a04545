"""Each app's object check and queryset filter agree for every role on the audit's world, and
what search indexes is exactly what an anonymous visitor may read (so search cannot leak)."""

from django.contrib.auth.models import AnonymousUser

from files import permissions as files_permissions
from files.models import Upload
from forum import permissions as forum_permissions
from forum.models import Post, Thread
from taxonomy import permissions as taxonomy_permissions
from taxonomy.models import Example, TaxonomyNode
from wiki import permissions as wiki_permissions
from wiki.models import Page


def _people(world, make_user):
    return [AnonymousUser(), make_user("stranger"), world["author"], make_user("ed", "Editors"),
            world["moderator"]]


def test_object_checks_and_querysets_agree(world, make_user):
    for person in _people(world, make_user):
        readable = set(wiki_permissions.readable_pages(person))
        assert {p for p in Page.objects.all() if wiki_permissions.can_read(person, p)} == readable
        visible = set(Thread.objects.visible_to(person))
        assert {t for t in Thread.objects.all()
                if forum_permissions.can_view_thread(person, t)} == visible
        nodes = set(taxonomy_permissions.viewable_nodes(person))
        assert {n for n in TaxonomyNode.objects.all()
                if taxonomy_permissions.can_view(person, n)} == nodes
        examples = set(taxonomy_permissions.viewable_examples(person))
        assert {e for e in Example.objects.all()
                if taxonomy_permissions.can_view(person, e)} == examples
        uploads = set(files_permissions.viewable_uploads(person))
        assert {u for u in Upload.objects.all()
                if files_permissions.can_view(person, u)} == uploads


def test_search_indexes_only_what_anyone_may_read(world):
    anyone = AnonymousUser()
    assert set(Page.search_queryset()) == set(wiki_permissions.readable_pages(anyone))
    assert set(Thread.search_queryset()) == set(Thread.objects.visible_to(anyone))
    assert set(Post.search_queryset()) == {
        p for p in Post.objects.all() if forum_permissions.can_view_thread(anyone, p.thread)
        and forum_permissions.can_view_post_body(anyone, p)
    }
    assert set(TaxonomyNode.search_queryset()) == set(taxonomy_permissions.viewable_nodes(anyone))
    assert set(Example.search_queryset()) == set(taxonomy_permissions.viewable_examples(anyone))
    # The world has something private of each kind, so the equalities above are not vacuous.
    assert world["draft"] not in Page.search_queryset()
    assert world["hidden_post"] not in Post.search_queryset()
    assert world["retired"] not in TaxonomyNode.search_queryset()
