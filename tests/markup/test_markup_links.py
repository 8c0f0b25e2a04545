"""Red links: links to missing pages are marked at view time, on the sanitiser's own output."""

from markup import render_markdown
from markup.links import MISSING_TITLE, mark_missing_links

from .test_markup_hostile import assert_safe_html


def edit_url(path):
    return f"/wiki/edit/{path}?from=link&x=1"


def test_missing_pages_become_red_links_to_the_editor():
    html = render_markdown("[a](/Missing/Page/?q=1#x) [[exists|b]] [[Other Missing]]").html
    marked = mark_missing_links(html, {"missing/page", "other-missing"}, edit_url)
    assert (
        f'<a href="/wiki/edit/missing/page?from=link&amp;x=1" class="redlink" '
        f'title="{MISSING_TITLE}">a</a>' in marked
    )
    assert '<a href="/exists">b</a>' in marked
    assert 'href="/wiki/edit/other-missing?from=link&amp;x=1" class="redlink"' in marked
    assert_safe_html(marked)


def test_nothing_missing_returns_the_html_unchanged():
    html = render_markdown("[a](/a) [b](https://b.example/a)").html
    assert mark_missing_links(html, set(), edit_url) is html
    assert mark_missing_links(html, {"b"}, edit_url) == html


def test_only_links_not_images_or_external_or_text():
    html = render_markdown(
        '![img](/gone) [ext](https://example.org/gone) `<a href="/gone">` /gone [x](/gone)'
    ).html
    marked = mark_missing_links(html, {"gone"}, edit_url)
    assert marked.count('class="redlink"') == 1
    assert '<img alt="img" src="/gone">' in marked
    assert "&lt;a href=\"/gone\"&gt;" in marked or "&lt;a href=&quot;/gone&quot;&gt;" in marked


def test_robust_on_attribute_values_with_angle_brackets_and_quotes():
    html = render_markdown('[x](/gone "a > b \'c\'") <a title="1 > 0" href="/gone">y</a>').html
    marked = mark_missing_links(html, {"gone"}, edit_url)
    assert marked.count('class="redlink"') == 2
    assert marked.count(">x</a>") == 1 and marked.count(">y</a>") == 1
    assert_safe_html(marked)


def test_edit_urls_are_escaped():
    html = render_markdown("[x](/gone)").html
    marked = mark_missing_links(html, {"gone"}, lambda p: '/e/"><script>alert(1)</script>')
    assert "<script>" not in marked
    assert_safe_html(marked)


def test_mentions_keep_their_class_and_rel_is_dropped_on_red_links():
    html = render_markdown("@alice [x](/gone)", mentions=lambda n: n).html
    marked = mark_missing_links(html, {"gone", "u/alice"}, edit_url)
    assert '<a class="mention" href="/u/alice/">@alice</a>' in marked
    assert marked.count("redlink") == 1
