"""The rendering pipeline's features: what markdown becomes, which links and mentions it reports."""

import re
from pathlib import Path

from markup import RENDERER_VERSION, Rendered, render_markdown

# The project's own copy of the founding page (a Wiki.js export), never a path outside the repo.
SEED = Path(__file__).resolve().parents[2] / "wiki" / "content" / "network-societies.md"


def test_contract():
    rendered = render_markdown("Hello")
    assert isinstance(rendered, Rendered)
    assert rendered.html == "<p>Hello</p>"
    assert rendered.links == [] and rendered.mentions == []
    assert isinstance(RENDERER_VERSION, int) and RENDERER_VERSION >= 1
    assert render_markdown("").html == "" and render_markdown(None).html == ""


def test_tables_with_alignment_as_attributes_not_style():
    html = render_markdown("| a | b |\n|:--|--:|\n| 1 | 2 |").html
    assert '<th align="left">a</th>' in html and '<td align="right">2</td>' in html
    assert "style" not in html


def test_fenced_code_is_highlighted_with_classes_never_inline_style():
    html = render_markdown("```python\ndef f():\n    return 1\n```").html
    assert html.startswith('<div class="highlight"><pre>')
    assert '<span class="k">def</span>' in html
    assert "style=" not in html


def test_unknown_language_and_plain_fences_still_render_as_code():
    html = render_markdown("```nosuchlanguage\n<b>x</b>\n```").html
    assert '<div class="highlight">' in html and "&lt;b&gt;x&lt;/b&gt;" in html


def test_footnotes():
    html = render_markdown("Claim[^1].\n\n[^1]: Source.").html
    assert '<sup id="fnref:1"><a class="footnote-ref" href="#fn:1">1</a></sup>' in html
    assert '<div class="footnote">' in html and '<li id="fn:1">' in html
    assert 'class="footnote-backref" href="#fnref:1"' in html


def test_headings_get_ids_anchors_and_a_table_of_contents():
    text = "[TOC]\n\n# Pop-up villages\n\n## How they start\n\n## How they start"
    html = render_markdown(text).html
    assert '<div class="toc">' in html
    assert '<a href="#pop-up-villages">Pop-up villages</a>' in html
    # "#" is an <h2>: the page's title is its only <h1>.
    assert '<h2 id="pop-up-villages">' in html
    assert '<a class="headerlink" href="#pop-up-villages" title="Permanent link">' in html
    # Wiki.js numbers repeated headings -1, -2...
    assert 'id="how-they-start"' in html and 'id="how-they-start-1"' in html


def test_a_heading_never_takes_the_layouts_ids():
    html = render_markdown("# Main").html
    assert 'id="main"' not in html and 'id="main-section"' in html


def test_sane_lists_and_definition_lists():
    html = render_markdown("1. one\n2. two\n\n* a\n* b").html
    assert "<ol>" in html and "<ul>" in html
    assert "<dt>Hub</dt>\n<dd>A place people pass through.</dd>" in render_markdown(
        "Hub\n: A place people pass through."
    ).html
    assert '<ol start="3">' in render_markdown("3. three\n4. four").html


def test_lists_nested_the_commonmark_way_nest_here_too():
    # Wiki.js pages indent nested items to the parent's text (3 spaces under "1. ").
    html = render_markdown("1. **Social Layer**\n   - Community values\n   - Norms\n\n"
                           "2. Protocol\n   - Contracts\n     - Deeper").html
    assert html.count("<ul>") == 3 and html.count("<ol>") == 1
    assert "<li>Contracts<ul>\n<li>Deeper</li>" in html


def test_four_space_nesting_and_fenced_code_are_unchanged():
    html = render_markdown("- a\n    - b\n\n```\n  - not a list\n```").html
    assert html.count("<ul>") == 2 and "  - not a list" in html


def test_external_links_get_rel_and_internal_links_do_not():
    html = render_markdown("[in](/network-societies) [out](https://example.org/x) <https://a.b>").html
    assert '<a href="/network-societies">in</a>' in html
    assert html.count('rel="nofollow noopener noreferrer"') == 2


def test_wikilink_with_path_and_label():
    rendered = render_markdown("See [[network-societies/pop-ups|pop-up villages]].")
    assert '<a href="/network-societies/pop-ups">pop-up villages</a>' in rendered.html
    assert rendered.links == ["network-societies/pop-ups"]


def test_wikilink_title_is_resolved_once_for_all_titles():
    calls = []

    def resolve(titles):
        calls.append(titles)
        return {"Network States": "network-states/overview"}

    rendered = render_markdown(
        "[[Network States]], [[Pop-up Villages]] and [[Network States]] again.",
        resolve_title=resolve,
    )
    assert calls == [{"Network States", "Pop-up Villages"}]
    assert '<a href="/network-states/overview">Network States</a>' in rendered.html
    # Unknown titles link to their slug, so creating that page later makes the link work.
    assert '<a href="/pop-up-villages">Pop-up Villages</a>' in rendered.html
    assert rendered.links == ["network-states/overview", "pop-up-villages"]


def test_wikilinks_in_code_stay_text():
    html = render_markdown("`[[Not a link]]`\n\n    [[Nor this]]").html
    assert "<a" not in html and "[[Not a link]]" in html and "[[Nor this]]" in html


def test_links_are_normalised_page_paths_from_every_link_form(settings):
    text = (
        "[inline](/Network-Societies/Pop-Ups/?tab=1#history) "
        "[ref][r] [short] ![img](/images/map.png) <a href=\"/raw/html\">raw</a> "
        "[[guides/link|w]] [again](/network-societies/pop-ups) "
        "[external](https://example.org/page) "
        "[relative](sibling) [anchor](#top) [app](/forum/t/1/) [user](/u/alice/) [root](/) "
        "[encoded](/caf%C3%A9)\n\n[r]: /Ref/Target\n[short]: /short/one"
    )
    assert render_markdown(text).links == [
        "network-societies/pop-ups", "ref/target", "short/one", "images/map.png", "raw/html",
        "guides/link", "café",
    ]
    settings.NS_RESERVED_PREFIXES = ["images"]
    assert "images/map.png" not in render_markdown(text).links


def test_links_too_long_to_be_pages_are_not_reported():
    rendered = render_markdown(f"[a](/{'x' * 256}) [b](/{'y' * 255})")
    assert rendered.links == ["y" * 255]


def test_mentions_link_existing_people_only_and_not_in_code_or_links():
    asked = []

    def existing(names):
        asked.append(names)
        return {"alice", "carol"} & names

    rendered = render_markdown(
        "Thanks @alice and @bob! `@carol` [@carol](/x) mail a@carol.org, cc @carol.",
        mentions=existing,
    )
    assert asked == [{"alice", "bob", "carol"}]
    assert '<a class="mention" href="/u/alice/">@alice</a>' in rendered.html
    assert "@bob" in rendered.html and 'href="/u/bob/"' not in rendered.html
    assert rendered.html.count('class="mention"') == 2
    assert rendered.mentions == ["alice", "carol"]
    assert rendered.links == ["x"]


def test_without_a_mentions_callable_at_signs_are_left_alone():
    rendered = render_markdown("Hi @alice")
    assert rendered.html == "<p>Hi @alice</p>" and rendered.mentions == []


def test_no_lookup_when_there_is_nothing_to_look_up():
    def fail(_):
        raise AssertionError("should not be called")

    assert render_markdown("plain text", mentions=fail).mentions == []


def test_the_founding_page_renders_its_sections_and_links():
    text = SEED.read_text(encoding="utf-8").split("---", 2)[2]
    rendered = render_markdown(text)
    headings = re.findall(r'<h2 id="([^"]+)"', rendered.html)
    assert headings == ["overview", "taxonomy", "discussion"]
    assert "<h1" not in rendered.html  # the page title is the one <h1>
    assert rendered.links[:2] == ["network-societies/pop-ups", "network-societies/hubs"]
    assert rendered.html.count("<li") > 30  # the classification's nested lists survive


def test_rendering_is_deterministic():
    text = "# A\n\n[[B]] [c](/d) ```x```\n\n```py\nx=1\n```"
    assert render_markdown(text).html == render_markdown(text).html
    assert not re.search(r"\sstyle=", render_markdown(text).html)
