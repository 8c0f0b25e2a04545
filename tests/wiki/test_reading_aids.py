"""Reading aids on a page: its table of contents and its branch of the page tree."""

import pytest

from markup.outline import headings, table_of_contents
from wiki.editing import save_page

pytestmark = pytest.mark.django_db

LONG = """Intro.

## Getting there & back

Text.

### By <b>train</b>

Text.

## Staying

Text.

#### Deep

## Leaving
"""


def page(path, title, markdown="Text.", **fields):
    return save_page(path=path, title=title, markdown=markdown, author=None, **fields).page


def test_outline_reads_headings_without_permalinks():
    from markup import render_markdown

    html = render_markdown(LONG).html
    assert [(h.level, h.text) for h in headings(html)] == [
        (3, "Getting there & back"), (4, "By train"), (3, "Staying"), (5, "Deep"), (3, "Leaving")]
    found = table_of_contents(html)
    assert [(h.level, h.text) for h in found] == [
        (1, "Getting there & back"), (2, "By train"), (1, "Staying"), (3, "Deep"), (1, "Leaving")]
    assert all(h.id for h in found)
    assert table_of_contents(render_markdown("## One\n\n## Two").html) == []
    assert headings('<h2>No id</h2><h2 id="x"><a class="headerlink" href="#x">¶</a></h2>') == []


def test_a_long_page_shows_its_contents_a_short_one_does_not(client):
    page("guides/long", "Long", LONG)
    page("guides/short", "Short", "## One\n\n## Two")
    html = client.get("/guides/long").content.decode()
    assert 'class="toc"' in html and "js/toc.js" in html
    assert '<a href="#getting-there-back">Getting there &amp; back</a>' in html
    assert 'toc__item--2"><a href="#by-train">By train</a>' in html
    short = client.get("/guides/short").content.decode()
    assert 'class="toc"' not in short


def test_the_tree_shows_the_folder_the_pages_beside_and_below(client, user):
    page("guides", "All guides")
    page("guides/visas", "Visas")
    page("guides/housing", "Housing")
    page("guides/visas/thailand", "Thailand")
    page("guides/visas/thailand/long-stay", "Long stay")  # two levels below: not listed
    page("elsewhere/visas", "Other visas")
    page("guides/draft", "Draft", published=False)
    html = client.get("/guides/visas").content.decode()
    start = html.index('class="page-tree"')
    tree = html[start:html.index("</details>", start)]
    assert '<a href="/guides">All guides</a>' in tree
    assert '<a href="/guides/visas" aria-current="page">Visas</a>' in tree
    assert '<a href="/guides/housing">Housing</a>' in tree
    assert '<a href="/guides/visas/thailand">Thailand</a>' in tree
    assert "Long stay" not in tree and "Other visas" not in tree and "Draft" not in tree
    assert tree.index("Housing") < tree.index("Visas")  # A to Z


def test_a_lone_page_has_no_tree(client):
    page("alone/here", "Alone")
    assert 'class="page-tree"' not in client.get("/alone/here").content.decode()


def test_the_tree_is_bounded_and_links_the_whole_tree(client):
    from wiki import branch

    for n in range(branch.TREE_LIMIT + 5):
        page(f"many/p{n:02}", f"P{n:02}")
    html = client.get("/many/p44").content.decode()
    tree = html[html.index('class="page-tree"'):]
    assert 'aria-current="page">P44</a>' in tree  # the page itself, even past the limit
    assert "The whole page tree" in tree


def crumbs(html):
    """[(label, is_link)] of the page's breadcrumbs."""
    import re

    nav = html[html.index('<nav class="breadcrumbs"'):]
    nav = nav[:nav.index("</nav>")]
    return [(label, tag == "a") for tag, label in
            re.findall(r'<(a|span)[^>]*>([^<]*)</(?:a|span)>', nav)]


def test_breadcrumbs_have_one_shape_on_pages_categories_and_examples(client):
    from taxonomy import editing
    from taxonomy.models import Example

    root = editing.create_node(user=None, parent=None, name="Network societies",
                               slug="network-societies")
    small = editing.create_node(user=None, parent=root, name="Small", slug="small")
    hubs = editing.create_node(user=None, parent=small, name="Hubs", slug="hubs")
    example = Example.objects.create(name="Lisbon hub", slug="lisbon-hub")
    example.nodes.add(hubs)
    page("guides/visas", "Visas")
    page("top", "Top")

    assert crumbs(client.get("/guides/visas").content.decode()) == [
        ("Wiki", True), ("Guides", True), ("Visas", False)]
    assert crumbs(client.get("/top").content.decode()) == [("Wiki", True), ("Top", False)]
    assert crumbs(client.get(hubs.get_absolute_url()).content.decode()) == [
        ("Taxonomy", True), ("Small", True), ("Hubs", False)]
    assert crumbs(client.get(example.get_absolute_url()).content.decode()) == [
        ("Taxonomy", True), ("Small", True), ("Hubs", True), ("Lisbon hub", False)]
