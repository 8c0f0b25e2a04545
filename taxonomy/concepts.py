"""Concepts: the categories (any node below the root) and examples of the taxonomy, each with one
home, its concept page (``/taxonomy/<path>/``, ``/examples/<slug>/``).

A concept's **article** is the wiki page at its article path: the ``page_path`` people gave it,
else ``network-societies/<slug>``, next to the founding page's own links (``network-societies/
pop-ups``). That page path is the concept's other address: it answers with a permanent redirect to
the concept page, links to it are never red, and ``[[Name]]`` links there for a concept's name or
any name it had before a rename (case, accents and hyphens ignored).

``Concepts`` answers ``markup.targets`` for the taxonomy; ``TaxonomyConfig.ready`` registers it.
"""

from django.db.models import CharField, F, Q, Value

from markup.targets import fold

ARTICLE_ROOT = "network-societies"


def default_article_path(slug):
    return f"{ARTICLE_ROOT}/{slug}"


def _default_slugs(paths):
    """The slugs that paths of the form ``network-societies/<slug>`` name."""
    prefix = ARTICLE_ROOT + "/"
    return {p[len(prefix):] for p in paths if p.startswith(prefix) and "/" not in p[len(prefix):]}


def concepts_at(paths):
    """{article path: concept URL} for the active concepts whose article is at one of ``paths``.

    One query (a UNION of nodes and examples). A node wins over an example claiming the same path,
    and the node first in tree order over another node.
    """
    from .models import Example, Kind, TaxonomyNode

    paths = set(paths)
    if not paths:
        return {}
    slugs = _default_slugs(paths)
    claims = Q(page_path__in=paths) | Q(page_path="", slug__in=slugs)
    nodes = (
        TaxonomyNode.objects.active().exclude(kind=Kind.ROOT).filter(claims)
        .annotate(kind_=Value("node", output_field=CharField()), ref_=F("path"),
                  order1_=F("tree_id"), order2_=F("lft"))
        .values_list("kind_", "page_path", "slug", "ref_", "order1_", "order2_")
        .order_by()
    )
    examples = (
        Example.objects.active().filter(claims)
        .annotate(kind_=Value("example", output_field=CharField()), ref_=F("slug"),
                  order1_=F("pk"), order2_=F("pk"))
        .values_list("kind_", "page_path", "slug", "ref_", "order1_", "order2_")
        .order_by()
    )
    found = {}
    rows = sorted(nodes.union(examples), key=lambda r: (r[0] != "node", r[4], r[5]))
    for kind, page_path, slug, ref, *_ in rows:
        article = page_path or default_article_path(slug)
        if article in paths and article not in found:
            found[article] = _url(kind, ref)
    return found


def article_paths_for_names(names):
    """{name: article path} for the names (or former names) of active concepts."""
    from .models import Change, Example, TaxonomyNode

    wanted = {}
    for name in names:
        wanted.setdefault(fold(name), []).append(name)
    if not wanted:
        return {}
    found = {}

    def claim(name, page_path, slug):
        for asked in wanted.get(fold(name), ()):
            found.setdefault(asked, page_path or default_article_path(slug))

    nodes = (
        TaxonomyNode.objects.active().filter(level__gt=0)
        .annotate(kind_=Value("node", output_field=CharField()))
        .values_list("kind_", "pk", "name", "page_path", "slug").order_by()
    )
    examples = (
        Example.objects.active().annotate(kind_=Value("example", output_field=CharField()))
        .values_list("kind_", "pk", "name", "page_path", "slug").order_by()
    )
    concepts = {(kind, pk): (name, page_path, slug) for kind, pk, name, page_path, slug in
                nodes.union(examples)}
    # Current names first (nodes before examples), then names they had before a rename.
    for _key, (name, page_path, slug) in sorted(concepts.items(), key=lambda c: c[0][0]):
        claim(name, page_path, slug)
    if len(found) < len(names):
        renames = Change.objects.filter(changes__has_key="name").order_by("-created_at", "-pk")
        for node_id, example_id, changes in renames.values_list("node", "example", "changes"):
            key = ("node", node_id) if node_id else ("example", example_id)
            old = (changes.get("name") or [None])[0]
            if key in concepts and isinstance(old, str):
                claim(old, *concepts[key][1:])
    return found


def _url(kind, ref):
    from django.urls import reverse

    if kind == "node":
        return reverse("taxonomy:node", args=[ref])
    return reverse("taxonomy:example", args=[ref])


class Concepts:
    """The taxonomy's provider for ``markup.targets``."""

    def existing_paths(self, paths):
        return set(concepts_at(paths))

    def paths_for_names(self, names):
        return article_paths_for_names(names)

    def home_url(self, path):
        return concepts_at([path]).get(path)

    def home_urls(self, paths):
        return concepts_at(paths)
