"""Wiki.js references resolved from a page's own path (markup/references.py)."""

import pytest

from markup import references
from markup.references import asset_candidates, page_link, resolve_references


@pytest.mark.parametrize(("url", "page", "expected"), [
    ("../img/x.png", "guides/visas", ["en/img/x.png", "img/x.png"]),
    ("x.png", "guides/visas", ["en/guides/x.png", "guides/x.png"]),
    ("../../../../x.png", "guides/visas", ["x.png"]),
    ("/uploads/A%20B.pdf?v=2#page=3", "guides/visas", ["uploads/A B.pdf"]),
    ("/en/img/x.png", "home", ["en/img/x.png", "img/x.png"]),
    ("diagram.png", "ja/a/b/deep", ["ja/a/b/diagram.png", "a/b/diagram.png"]),
    ("../../x.png", "ja/a/b/deep", ["ja/x.png", "x.png"]),
    ("https://example.org/x.png", "guides/visas", []),
    ("//example.org/x.png", "guides/visas", []),
    ("#top", "guides/visas", []),
    ("javascript:alert(1)", "guides/visas", []),
    ("/files/42/x.png", "guides/visas", ["files/42/x.png"]),  # exported from a site like this
])
def test_asset_candidates(url, page, expected):
    assert asset_candidates(url, page) == expected


@pytest.mark.parametrize(("url", "page", "expected"), [
    ("apply/now", "guides/visas", "/guides/visas/apply/now"),  # the page as a folder
    ("../travel", "guides/visas", "/travel"),  # has a ".": as the browser resolved it
    ("./cost#fees", "guides/visas", "/guides/cost#fees"),
    ("child", "home", "/child"),
    ("child", "ja/home", "/ja/child"),
    ("../../../../up", "guides/visas", "/up"),
    ("sub page?x=1", "Café/Über uns", "/Caf%C3%A9/%C3%9Cber%20uns/sub%20page?x=1"),
    ("/guides/x", "ja/a", "/ja/guides/x"),  # Wiki.js's namespacing: the page's locale
    ("/pt-br/x", "ja/a", None), ("/forum/", "ja/a", None), ("/guides/x", "a", None),
    ("https://example.org", "a", None), ("#x", "a", None), ("mailto:a@b.c", "a", None),
])
def test_page_links(url, page, expected):
    assert page_link(url, page) == expected


def test_resolution_asks_once_and_rewrites_only_what_it_knows(monkeypatch):
    asked = []

    def resolve(paths):
        asked.append(set(paths))
        return {"img/x.png": "/files/7/x.png"}

    monkeypatch.setattr(references, "_resolvers", [resolve])
    clean = ('<p><img alt="a" src="../img/x.png?v=2"> <img src="/img/y.png"> '
             '<a href="../img/x.png#p">f</a> <a href="child">c</a> <a href="/abs">abs</a> '
             '<a href="https://e.org/x.png">e</a></p>')
    out = resolve_references(clean, "guides/visas")
    assert len(asked) == 1
    assert '<img alt="a" src="/files/7/x.png">' in out
    assert '<img src="/img/y.png">' in out  # not found: as written
    assert '<a href="/files/7/x.png#p">f</a>' in out
    assert '<a href="/guides/visas/child">c</a>' in out
    assert '<a href="/abs">abs</a>' in out and 'href="https://e.org/x.png"' in out
    assert resolve_references(clean, None) == clean  # not a page: nothing to resolve from


def test_a_rewritten_url_is_escaped(monkeypatch):
    monkeypatch.setattr(references, "_resolvers", [lambda paths: {}])
    out = resolve_references('<a href="a&quot;b">x</a>', "p")
    assert out == '<a href="/p/a%22b">x</a>'
