"""A little of everything the API serves, messy on purpose: retired and hidden things, a
deleted post, names with markup in them, an example with no dates or size."""

from datetime import date

from django.utils import timezone

from forum.models import Post, Thread
from taxonomy.models import Example, Kind, TaxonomyNode
from wiki.models import Page


def node(name, slug, parent=None, **fields):
    kind = Kind.ROOT if parent is None else Kind.SCALE if parent.parent is None else Kind.CATEGORY
    created = TaxonomyNode(name=name, slug=slug, parent=parent, kind=kind, **fields)
    created.path = created.path_for(parent)
    created.save()
    return created


def sample_content():
    root = node("Network societies", "network-societies")
    small = node("Small", "small", root, size_min=10, size_max=1000)
    villages = node("Pop-up villages", "pop-up-villages", small, size_min=50, size_max=300,
                    permanence="temporary")
    node("Retired <b>thing</b>", "retired", small, retired_at=timezone.now())
    large = node("Large", "large", root, size_min=100_000)
    states = node("Network states", "network-states", large, size_min=100_000)
    zuzalu = Example.objects.create(name="Zuzalu", slug="zuzalu", status="past", size=200,
                                    start_date=date(2023, 3, 25), end_date=date(2023, 5, 25),
                                    place="Tivat, Montenegro")
    zuzalu.nodes.add(villages)
    odd = Example.objects.create(name='<script>alert("x")</script> & co', slug="odd")
    odd.nodes.add(villages, states)
    Example.objects.create(name="Gone", slug="gone", retired_at=timezone.now())
    now = timezone.now()
    Page.objects.create(path="guide/start", title="Start here", created_at=now, updated_at=now)
    thread = Thread.objects.create(node=villages, title="Which villages ran in 2024?")
    Post.objects.create(thread=thread, number=1, body="First", html="<p>First</p>")
    Post.objects.create(thread=thread, number=2, body="Gone", html="<p>Gone</p>",
                        deleted_at=now)
    Thread.objects.create(node=root, title="Hidden", hidden=True)
    return {"root": root, "villages": villages, "zuzalu": zuzalu, "thread": thread}


def many_examples(count, nodes, start=0):
    """``count`` examples spread over ``nodes``, statuses, sizes and years, bulk-inserted."""
    statuses = ["active", "past", "planned"]
    examples = Example.objects.bulk_create([
        Example(
            name=f"Example {i:05d}", slug=f"example-{i}", status=statuses[i % 3],
            size=10 ** (1 + i % 7) + i, place=f"Town {i % 50}",
            start_date=date(2000 + i % 25, 1 + i % 12, 1) if i % 5 else None,
            end_date=date(2025 + i % 3, 6, 1) if i % 3 == 1 else None,
        )
        for i in range(start, start + count)
    ], batch_size=1000)
    through = Example.nodes.through
    through.objects.bulk_create([
        through(example_id=example.pk, taxonomynode_id=nodes[i % len(nodes)].pk)
        for i, example in enumerate(examples)
    ], batch_size=2000)
    return examples
