"""What the taxonomy registers with ``discussions``: its categories and examples as subjects,
the boards (its nodes) where threads about anything belong, and the Discussion tab of a concept
page, which shows whatever hosts discussions without knowing it is the forum."""

from django.db.models import Q

import discussions

from .concepts import ARTICLE_ROOT
from .contributions import Section
from .models import Example, Kind, TaxonomyNode
from .permissions import can_view


def _active(model):
    return lambda pk: model.objects.active().filter(pk=pk).first()


def _active_many(model):
    return lambda pks: model.objects.active().in_bulk(list(pks))


def general_discussion():
    return TaxonomyNode.objects.filter(kind=Kind.ROOT).order_by("tree_id").first()


def node_boards(node):
    return [node]


def example_boards(example):
    """An example's threads are on the boards of every category it is classified under."""
    return list(example.nodes.active().order_by("tree_id", "lft")) or [general_discussion()]


def page_boards(page):
    """A page's threads are on the board of the category whose article it is, else in the
    general discussion."""
    claims = Q(page_path=page.path)
    prefix = ARTICLE_ROOT + "/"
    if page.path.startswith(prefix) and "/" not in page.path[len(prefix):]:
        claims |= Q(page_path="", slug=page.path[len(prefix):])
    nodes = TaxonomyNode.objects.active().exclude(kind=Kind.ROOT).filter(claims)
    return list(nodes.order_by("tree_id", "lft")) or [general_discussion()]


def discussion_section(request, concept):
    host = discussions.host()
    return host.panel(request, concept) if host else None


def register():
    discussions.register(discussions.Subject(
        kind="node", model=TaxonomyNode, noun="category", lookup=_active(TaxonomyNode),
        lookup_many=_active_many(TaxonomyNode), can_read=can_view,
    ))
    discussions.register(discussions.Subject(
        kind="example", model=Example, noun="example", lookup=_active(Example),
        lookup_many=_active_many(Example), can_read=can_view,
    ))
    discussions.register_boards("node", node_boards)
    discussions.register_boards("example", example_boards)
    discussions.register_boards("page", page_boards)


SECTIONS = [
    Section(key="discussion", tab="discussion", template="", build=discussion_section, order=10),
]


def example_nodes_changed(sender, instance, action, reverse, pk_set, **kwargs):
    """An example classified elsewhere: its threads move to its new categories' boards."""
    if action not in ("post_add", "post_remove", "post_clear"):
        return
    pks = (pk_set or ()) if reverse else [instance.pk]
    if reverse and action == "post_clear":
        return  # a node's classifications cleared: only happens when it is deleted
    discussions.boards_changed.send(sender=Example, kind="example", pks=list(pks))


def node_saved(sender, instance, raw=False, **kwargs):
    """A category's article may have moved: threads about the page at its article path, and
    those on its board about pages, are filed again."""
    if raw:
        return
    from wiki.models import Page

    pages = list(Page.objects.at(instance.article_path).values_list("pk", flat=True))
    discussions.boards_changed.send(sender=TaxonomyNode, kind="page", pks=pages, board=instance)
