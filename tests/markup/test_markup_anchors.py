"""Scoped anchors: a rendered text's heading and footnote ids carry a prefix when asked, so
several texts on one page never share an id."""

import re

from markup import render_markdown
from markup.anchors import scope_ids

TEXT = "## Overview\n\nText[^1] and `<b id=\"x\">` [away](#elsewhere)\n\n[TOC]\n\n[^1]: A note."


def ids(html):
    return re.findall(r'<[^>]*\sid="([^"]*)"', html)


def test_every_id_and_the_links_to_it_get_the_prefix():
    html = render_markdown(TEXT, id_prefix="p1-").html
    assert ids(html) == ["p1-overview", "p1-fnref:1", "p1-fn:1"]
    assert 'href="#p1-fn:1"' in html and 'href="#p1-fnref:1"' in html
    assert html.count('href="#p1-overview"') == 2  # the heading's permalink and the TOC


def test_text_and_links_to_other_anchors_are_left_alone():
    html = render_markdown(TEXT, id_prefix="p1-").html
    assert "&lt;b id=\"x\"&gt;" in html or '&lt;b id="x"&gt;' in html
    assert 'href="#elsewhere"' in html


def test_without_a_prefix_nothing_changes():
    assert render_markdown(TEXT).html == render_markdown(TEXT, id_prefix="").html
    assert ids(render_markdown(TEXT).html) == ["overview", "fnref:1", "fn:1"]


def test_scope_ids_only_rewrites_tags():
    html = '<p id="a">see <code>id="a" href="#a"</code> <a href="#a">a</a></p>'
    assert scope_ids(html, "x-") == (
        '<p id="x-a">see <code>id="a" href="#a"</code> <a href="#x-a">a</a></p>'
    )
