"""The /taxonomy/ rows built in Python (taxonomy.rendering): escaped everywhere, well nested, and
the same links as the models give."""

import re

from taxonomy import editing
from taxonomy.diagram import build
from taxonomy.models import TaxonomyNode
from taxonomy.rendering import escape, html_format, join, tree_html, url_maker

from .conftest import build_wide_tree

HOSTILE = "<script>alert(1)</script>\"'&"
ESCAPED = "&lt;script&gt;alert(1)&lt;/script&gt;&quot;&#x27;&amp;"


def test_values_are_escaped_and_markup_is_kept():
    row = html_format('<a title="{title}">{name}</a>', title=HOSTILE, name=HOSTILE)
    assert row == f'<a title="{ESCAPED}">{ESCAPED}</a>'
    assert join([row, HOSTILE]) == row + ESCAPED  # a part that is not safe HTML is escaped
    assert escape(12.5) == "12.5"


def test_hostile_name_and_summary_are_escaped_in_tree_bars_and_table(client, tree, editor):
    editing.update_node(tree["small/hubs"], user=editor, name=HOSTILE, summary=HOSTILE)
    editing.update_node(tree["small"], user=editor, summary=HOSTILE)
    html = client.get("/taxonomy/").content.decode()
    assert "<script>" not in html
    tree_part, diagram_part = html.split('class="tx-tree"')[1], html.split("<svg")[1]
    table_part = html.split("The picture in words")[1]
    assert f'<a class="tx-row__name" href="/taxonomy/small/hubs/">{ESCAPED}</a>' in tree_part
    assert f'<span class="tx-row__summary">{ESCAPED}</span>' in tree_part
    assert f'aria-label="{ESCAPED}: 10–500 people, permanent"' in diagram_part
    assert f"<title>Small · 10–1,000 people — {ESCAPED}</title>" in diagram_part
    assert f'<a href="/taxonomy/small/hubs/">{ESCAPED}</a></th>' in table_part


def test_tree_lists_are_balanced_at_any_depth(db, tree, editor):
    # A third level under a category, so branches open and close at several depths.
    hubs = tree["small/hubs"]
    editing.create_node(user=editor, parent=hubs, name="Coliving hubs", slug="coliving")
    nodes = list(TaxonomyNode.objects.active().with_counts().order_by("tree_id", "lft"))
    html = str(tree_html(nodes[1:]))
    assert html.count("<li") == html.count("</li>") == len(nodes) - 1
    assert html.count("<ul") == html.count("</ul>")
    assert (
        html.count("<details")
        == html.count("</details>")
        == sum(1 for node in nodes[1:] if not node.is_leaf_node())
    )
    # Coliving hubs is inside the Hubs branch, which is inside the Small branch.
    hubs_at, coliving_at = html.index(">Hubs</a>"), html.index(">Coliving hubs</a>")
    assert hubs_at < coliving_at
    between = html[hubs_at:coliving_at]
    assert '<ul role="list">' in between and "</ul>" not in between


def test_links_are_the_nodes_own_urls(db):
    build_wide_tree(12)
    url_for = url_maker()
    for node in TaxonomyNode.objects.all():
        assert url_for(node) == node.get_absolute_url()
    diagram = build(list(TaxonomyNode.objects.order_by("lft")))
    bars = [bar for band in diagram.bands for bar in band.bars]
    assert len(bars) == 15 and all(bar.url == bar.node.get_absolute_url() for bar in bars)
    table = str(diagram.table_rows())
    assert len(re.findall(r"<tr>", table)) == 15
