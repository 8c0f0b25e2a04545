"""plain_text: the words of rendered HTML for the search index, without markdown or markers."""

from pathlib import Path

import pytest
from django.utils.html import strip_tags
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from markup import render_html, render_markdown
from markup.text import _BLOCK_END, _MARKERS, plain_text

from .test_markup_hostile import FRAGMENTS, HOSTILE

SEED = Path(__file__).resolve().parents[2] / "wiki" / "content" / "network-societies.md"


def test_no_markdown_syntax_tags_or_permalink_markers_remain():
    html = render_markdown(
        "## Hubs\n\nSee [Pop Ups Villages](/network-societies/pop-ups) and **more**.[^1]\n\n"
        "- one\n- two\n\n[^1]: A note."
    ).html
    assert plain_text(html) == "Hubs See Pop Ups Villages and more.1 one two A note."


def test_entities_are_text_and_empty_input_is_empty():
    assert plain_text("<p>A &amp; B &lt;script&gt;</p>") == "A & B <script>"
    assert plain_text("") == plain_text(None) == ""


def test_quoted_angle_brackets_comments_and_bare_less_than_signs():
    html = '<p title="a > b">1 < 2</p><!-- <p>hidden</p> --><p>x<img alt=\'>\' src="y">z</p>'
    assert plain_text(html) == "1 < 2 xz"


def test_an_unclosed_tag_of_any_length_is_text_and_fast():
    assert plain_text("<a " + "x" * 200_000) == "<a " + "x" * 200_000


def html_parser_text(html):
    """What plain_text gave when it stripped tags with Django's strip_tags (an HTMLParser)."""
    from html import unescape

    text = _BLOCK_END.sub(" ", _MARKERS.sub("", html or ""))
    return " ".join(unescape(strip_tags(text)).split())


def test_the_founding_content_reads_as_an_html_parser_reads_it():
    html = render_markdown(SEED.read_text()).html
    assert len(plain_text(html)) > 1000
    assert plain_text(html) == html_parser_text(html)


@pytest.mark.parametrize("text", HOSTILE.values(), ids=HOSTILE.keys())
def test_hostile_markup_reads_as_an_html_parser_reads_it(text):
    for html in (render_markdown(text).html, render_html(text).html):
        assert plain_text(html) == html_parser_text(html)


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.one_of(FRAGMENTS, st.text(max_size=5)), max_size=40).map("".join))
def test_any_rendered_markup_reads_as_an_html_parser_reads_it(text):
    for html in (render_markdown(text).html, render_html(text).html):
        assert plain_text(html) == html_parser_text(html)
