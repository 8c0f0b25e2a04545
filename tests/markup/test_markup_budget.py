"""The cost budget (markup/limits.py): whatever the text within the size limit, the pipeline makes
a bounded number of elements, so its time is bounded (bench/markup_bench.py measures it), and
nothing a person wrote is dropped: past the budget, the rest shows as written."""

import html
import re
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from markup import limits
from markup.pipeline import render_markdown

LIMIT = 200_000
# Every element the pipeline can make costs the sanitiser about the same; past the budget no more
# are made. A budget unit makes at most a few tags (a heading: its <hN>, permalink and toc entry).
MAX_TAGS = 8 * limits.MARKUP_BUDGET + 50
SHAPES = {
    "*a": "*a", "[[a]]": "[[a]]", "[": "[", "# h lines": "# h\n", "link": "[a](/b) ",
    "heading": "## h\n\n", "footnote": "x[^1]\n\n[^1]: n\n", "list": "- a\n", "quote": "> a\n",
    "table": "|x|y|\n", "autolink": "<http://a.b> ", "tag": "<b>x</b>", "entity": "&amp;",
    "setext": "a\n=\n", "definition": "a\n: b\n\n", "paragraph": "x\n\n", "code": "`a",
    "image": "![](/x.png)", "mention": "@a ",
}


def tags(rendered_html):
    return rendered_html.count("<")


def as_written_part(rendered_html):
    match = re.search(r'<pre class="markup-as-written">(.*)</pre>\Z', rendered_html, re.DOTALL)
    return html.unescape(match.group(1)) if match else ""


@pytest.mark.parametrize("atom", SHAPES.values(), ids=SHAPES.keys())
def test_a_body_of_one_shape_at_the_size_limit_makes_a_bounded_number_of_elements(atom):
    text = (atom * (LIMIT // len(atom) + 1))[:LIMIT]
    rendered = render_markdown(text)
    assert tags(rendered.html) <= MAX_TAGS
    assert limits.markup_cost(limits.split_at_budget(text)[0]) <= limits.MARKUP_BUDGET


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.tuples(st.sampled_from(list(SHAPES.values())), st.integers(1, 20_000)),
                min_size=1, max_size=6))
def test_any_mix_of_shapes_makes_a_bounded_number_of_elements(parts):
    text = "".join(atom * count for atom, count in parts)[:LIMIT]
    assert tags(render_markdown(text).html) <= MAX_TAGS


def test_past_the_budget_the_rest_shows_as_written_and_nothing_is_lost():
    text = "".join(f"Paragraph {n} with a [link](/p{n}).\n\n" for n in range(5_000))
    head, rest = limits.split_at_budget(text)
    assert head and rest and head + rest == text
    rendered = render_markdown(text)
    assert "Paragraph 0 with a" in rendered.html and '<a href="/p0">link</a>' in rendered.html
    assert as_written_part(rendered.html) == rest.strip("\n")
    assert "[link](/p4999)" in as_written_part(rendered.html)
    # Only links that were rendered are reported (and resolved): a bounded number.
    assert 0 < len(rendered.links) <= limits.MARKUP_BUDGET


def test_the_cut_never_falls_inside_a_fenced_code_block():
    text = "*a* " * 1_000 + "\n\n```\n" + "code\n\n" * 2_000 + "```\n\n" + "*b* " * 1_000
    head, rest = limits.split_at_budget(text)
    assert head.count("```") % 2 == 0
    assert rest.startswith("```") or not rest.count("```") % 2


def test_hostile_text_past_the_budget_is_still_escaped():
    text = "*a*" * 5_000 + "\n\n<script>alert(1)</script><img src=x onerror=alert(1)>"
    rendered = render_markdown(text)
    assert "<script" not in rendered.html and "<img" not in rendered.html
    assert "&lt;script&gt;" in rendered.html


def test_real_pages_are_far_below_the_budget():
    content = Path(__file__).resolve().parents[2] / "wiki" / "content"
    texts = [path.read_text() for path in content.glob("**/*.md")]
    assert texts
    for text in texts:
        assert limits.markup_cost(text) < limits.MARKUP_BUDGET / 5
        assert "markup-as-written" not in render_markdown(text).html
