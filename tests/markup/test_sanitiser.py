"""The sanitiser on its own, independent of markdown: allow-lists, URLs, rel, frozen policy."""

import pytest
from django.test import override_settings

from markup import sanitiser
from markup.sanitiser import clean_html

from .test_markup_hostile import assert_safe_html


def test_prose_tags_survive():
    html = "<p><strong>a</strong> <em>b</em> <code>c</code> <del>d</del></p><ul><li>e</li></ul>"
    assert clean_html(html) == html


@pytest.mark.parametrize("tag", ["script", "style", "svg", "math", "iframe", "object", "form",
                                 "embed", "input", "textarea", "noscript", "template", "meta"])
def test_forbidden_tags_are_removed(tag):
    out = clean_html(f"<{tag}>x</{tag}><p>after</p>")
    assert f"<{tag}" not in out and "<p>after</p>" in out


def test_event_and_style_attributes_are_dropped():
    assert clean_html('<p onclick="x" style="color:red" title="t">y</p>') == "<p>y</p>"


@pytest.mark.parametrize("href", [
    "javascript:alert(1)", " JaVaScRiPt:alert(1)", "java\tscript:alert(1)",
    "&#106;avascript:alert(1)", "jav&#x09;ascript:alert(1)", "vbscript:x",
    "data:text/html;base64,PHNjcmlwdD4=", "file:///etc/passwd", "ftp://example.org/",
])
def test_links_only_to_http_https_mailto_and_relative(href):
    assert clean_html(f'<a href="{href}">x</a>') == "<a>x</a>"


@pytest.mark.parametrize("href", ["/page", "page", "#top", "?q=1", "http://a.b/", "https://a.b/",
                                  "mailto:x@example.org"])
def test_allowed_link_targets_are_kept(href):
    assert f'href="{href}"' in clean_html(f'<a href="{href}">x</a>')


@pytest.mark.parametrize("src,kept", [
    ("/img/a.png", True), ("https://a.b/c.png", True), ("http://a.b/c.png", True),
    ("mailto:x@y", False), ("data:image/png;base64,AAAA", True),
    ("data:text/html;base64,AAAA", False),
    ("data:image/svg+xml,<svg/onload=alert(1)>", False), ("javascript:x", False),
])
def test_images_only_from_http_and_relative(src, kept):
    # Outside hosts must be allowed (MARKUP_IMAGE_HOSTS) to show at all: test_markup_images.py.
    with override_settings(MARKUP_IMAGE_HOSTS=["a.b"]):
        out = clean_html(f'<img src="{src}" alt="a">')
    assert ("src=" in out) is kept


def test_external_links_get_rel_replacing_any_given_internal_links_get_none():
    out = clean_html('<a href="https://a.b" rel="opener">x</a><a href="//a.b">y</a>'
                     '<a href="/in" rel="me">z</a>')
    assert out.count('rel="nofollow noopener noreferrer"') == 2
    assert '<a href="/in">z</a>' in out and "opener\"" not in out


def test_class_only_from_our_list():
    assert clean_html('<span class="mention">a</span>') == '<span class="mention">a</span>'
    assert clean_html('<span class="mention evil">a</span>') == "<span>a</span>"
    assert clean_html('<span class="k">a</span>') == '<span class="k">a</span>'  # Pygments token


def test_ids_only_on_anchors_headings_and_footnotes():
    assert clean_html('<h2 id="history">h</h2>') == '<h2 id="history">h</h2>'
    assert clean_html('<li id="fn:1">n</li>') == '<li id="fn:1">n</li>'
    # {#id} on blocks and links, as Wiki.js allows.
    assert clean_html('<p id="x">p</p><li id="x">l</li>') == '<p id="x">p</p><li>l</li>'
    assert clean_html('<h2 id="main">h</h2><p id="content">x</p>') == "<h2>h</h2><p>x</p>"
    assert clean_html('<p id="a b">p</p><table><tr><td id="x">t</td></tr></table>') == (
        "<p>p</p><table><tbody><tr><td>t</td></tr></tbody></table>")


def test_numeric_attributes_must_be_numbers():
    assert clean_html('<img src="/a" width="10" height="x">') == '<img src="/a" width="10">'


def test_comments_are_stripped_and_text_is_escaped():
    assert clean_html("<!-- secret --><p>a < b & c</p>") == "<p>a &lt; b &amp; c</p>"


def test_output_of_hostile_html_is_safe():
    assert_safe_html(clean_html(
        '<svg><script>x</script></svg><img src=x onerror=y><a href="javascript:z">a</a>'
        "<math><mi xlink:href=javascript:1>m</mi></math><iframe srcdoc='<b>'></iframe>"
    ))


def test_policy_is_frozen_and_ours():
    assert isinstance(sanitiser.ALLOWED_TAGS, frozenset)
    assert isinstance(sanitiser.ALLOWED_CLASSES, frozenset)
    assert all(isinstance(v, frozenset) for v in sanitiser.ALLOWED_ATTRIBUTES.values())
    assert {"script", "style", "svg", "math", "iframe", "object", "form"}.isdisjoint(
        sanitiser.ALLOWED_TAGS
    )


def test_bleach_globals_are_untouched():
    import bleach.sanitizer

    before = (set(bleach.sanitizer.ALLOWED_TAGS), dict(bleach.sanitizer.ALLOWED_ATTRIBUTES),
              set(bleach.sanitizer.ALLOWED_PROTOCOLS))
    clean_html("<h2 id='a' class='toc'>x</h2><img src='/a'>")
    after = (set(bleach.sanitizer.ALLOWED_TAGS), dict(bleach.sanitizer.ALLOWED_ATTRIBUTES),
             set(bleach.sanitizer.ALLOWED_PROTOCOLS))
    assert before == after and "h2" not in after[0]


def test_only_the_sanitiser_imports_bleach():
    import pathlib
    import re

    root = pathlib.Path(__file__).resolve().parents[2]
    imports_bleach = re.compile(r"^\s*(import bleach|from bleach)", re.MULTILINE)
    importers = [
        path.relative_to(root).as_posix() for path in root.rglob("*.py")
        if not {".venv", "var", "tests", "node_modules"} & set(path.relative_to(root).parts)
        and imports_bleach.search(path.read_text(errors="ignore"))
    ]
    assert importers == ["markup/sanitiser.py"]
