"""Fixtures for the taxonomy tests: the default tree, and a tree of any size built quickly."""

import io

import pytest

from taxonomy import default_content
from taxonomy.models import Kind, TaxonomyNode


def ensure_groups():
    """The role groups and the Site row come from migrations; a transactional test's flush
    removes them, and the browser harness does not always get them back."""
    from django.conf import settings
    from django.contrib.auth.models import Group
    from django.contrib.sites.models import Site

    for name in ("Editors", "Moderators"):
        Group.objects.get_or_create(name=name)
    Site.objects.get_or_create(pk=settings.SITE_ID, defaults={"domain": "example.com", "name": "x"})


@pytest.fixture
def tree(db):
    """The founding page's tree; returns a dict path → node ("" is the root)."""
    ensure_groups()
    default_content.load(io.StringIO())
    return {node.path: node for node in TaxonomyNode.objects.all()}


def build_wide_tree(categories):
    """A root, three scales and ``categories`` categories spread over them, with mptt fields
    computed here (bulk inserts), so a test can have 1,000 nodes in well under a second."""
    root = TaxonomyNode.objects.create(
        name="Network societies",
        slug="ns",
        path="",
        kind=Kind.ROOT,
        tree_id=1,
        lft=1,
        rght=2 + 2 * (3 + categories),
        level=0,
    )
    per_scale = [categories // 3 + (1 if i < categories % 3 else 0) for i in range(3)]
    counter, scales = 2, []
    slugs = ["small", "medium", "large"]
    for index, (slug, count) in enumerate(zip(slugs, per_scale, strict=True)):
        scales.append(
            TaxonomyNode(
                name=slug.title(),
                slug=slug,
                path=slug,
                kind=Kind.SCALE,
                parent=root,
                order=index,
                tree_id=1,
                lft=counter,
                rght=counter + 1 + 2 * count,
                level=1,
                size_min=10 ** (index * 2 + 1),
                size_max=10 ** (index * 2 + 3),
            )
        )
        counter += 2 + 2 * count
    TaxonomyNode.objects.bulk_create(scales)
    scales = list(TaxonomyNode.objects.filter(level=1).order_by("lft"))
    nodes = []
    for scale, count in zip(scales, per_scale, strict=True):
        for i in range(count):
            lft = scale.lft + 1 + 2 * i
            nodes.append(
                TaxonomyNode(
                    name=f"Category {scale.slug} {i}",
                    slug=f"c{i}",
                    path=f"{scale.slug}/c{i}",
                    kind=Kind.CATEGORY,
                    parent=scale,
                    order=i,
                    tree_id=1,
                    lft=lft,
                    rght=lft + 1,
                    level=2,
                    size_min=100,
                    size_max=1000,
                    permanence="temporary",
                )
            )
    TaxonomyNode.objects.bulk_create(nodes, batch_size=500)
    return root
