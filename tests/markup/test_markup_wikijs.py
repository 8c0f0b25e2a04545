"""Every construct Wiki.js renders, rendered as a Wiki.js reader saw it (one test each)."""

import base64

import pytest

from markup import render_markdown
from markup.wikijs import separate_blocks, uslug


def html(text):
    return render_markdown(text).html


@pytest.mark.parametrize("kind", ["is-info", "is-success", "is-warning", "is-danger"])
def test_callouts_in_their_four_styles(kind):
    out = html(f"> **Note** this\n> and that\n{{.{kind}}}\n")
    assert f'<blockquote class="{kind}">' in out
    assert "{." not in out and "<br>\n</p>" not in out


def test_class_attributes_come_from_an_allow_list_and_ids_are_kept():
    out = html("- [a](/a)\n- [b](/b)\n{.links-list}\n\n[x](/x){#jump .evil-class}\n\npara\n{#here}")
    assert '<ul class="links-list">' in out
    assert 'id="jump"' in out and "evil-class" not in out and '<p id="here">' in out


def test_single_line_breaks_are_kept():
    assert "one<br>\ntwo" in html("one\ntwo")


def test_a_list_or_table_right_after_a_paragraph_line():
    out = html("Intro:\n- a\n- b\n\nTable:\n| a | b |\n|---|---|\n| 1 | 2 |\n")
    assert "<p>Intro:</p>\n<ul>\n<li>a</li>" in out
    assert "<p>Table:</p>\n<table>" in out and "<td>1</td>" in out


# What markdown-it 11 with markdown-it-attrs (Wiki.js 2's renderer, breaks on) makes of a list or
# a table written straight under a line of text, checked against it: (text, fragments in order,
# absent).
_TABLE = ("<table>\n<thead>\n<tr>\n<th>a</th>\n<th>b</th>\n</tr>\n</thead>\n<tbody>\n<tr>\n"
          "<td>1</td>")
BLOCKS_AFTER_TEXT = {
    "table with outer pipes": (
        "Some text\n| a | b |\n|---|---|\n| 1 | 2 |", ["<p>Some text</p>", _TABLE], []),
    "table without outer pipes": (
        "Some text\na | b\n--|--\n1 | 2", ["<p>Some text</p>", _TABLE], ["<br>"]),
    "table after two lines, text after it": (
        "One\nTwo\n| a | b |\n|:-|-:|\n| 1 | 2 |\nAfter",
        ["<p>One<br>\nTwo</p>", "<table>", "<td", ">1</td>", "</table>\n<p>After</p>"], []),
    "pipes without a delimiter row are text": (
        "Text\n| a | b |\n| 1 | 2 |", ["<p>Text<br>\n| a | b |<br>\n| 1 | 2 |</p>"], ["<table"]),
    "table in a quote": (
        "> Some text\n> | a | b |\n> |---|---|\n> | 1 | 2 |",
        ["<blockquote>\n<p>Some text</p>", _TABLE, "</table>\n</blockquote>"], []),
    "list in a quote": (
        "> quote\n> - item\n> - two",
        ["<blockquote>\n<p>quote</p>\n<ul>\n<li>item</li>\n<li>two</li>\n</ul>"], []),
    "a quote ends with its table": (
        "> Text\n> | a | b |\n> |---|---|\n> | 1 | 2 |\n{.is-warning}",
        ["<blockquote>\n<p>Text</p>", _TABLE, "</table>\n</blockquote>"], ["{.", "<td></td>"]),
    "attributes under a table are the table's": (
        "| a | b |\n|---|---|\n| 1 | 2 |\n{.is-info}", ['<table class="is-info">'], ["{."]),
    "attributes alone are no text": ("Text\n\n{.is-warning}", ["<p>Text</p>"], ["{.", "<p></p>"]),
    "braces that are not attributes stay": ('Text\n\n{"a": 1}', ['<p>{"a": 1}</p>'], []),
    "bullet list with +": ("Text\n+ a\n+ b", ["<p>Text</p>\n<ul>\n<li>a</li>"], []),
    "ordered list from 1": ("Text\n1. a\n2. b", ["<p>Text</p>\n<ol>\n<li>a</li>"], []),
    "a list from 2 does not interrupt": (
        "Text\n2. a\n3. b", ["<p>Text<br>\n2. a<br>\n3. b</p>"], ["<ol"]),
    "ordered list from 1)": ("Text\n1) a\n2) b", ["<p>Text</p>\n<ol>\n<li>a</li>"], []),
    "a list from 2) does not interrupt": (
        "Text\n2) a\n3) b", ["<p>Text<br>\n2) a<br>\n3) b</p>"], ["<ol"]),
}


def assert_renders(text, fragments, absent):
    """``text`` renders with ``fragments`` in this order and none of ``absent``."""
    out = html(text)
    position = 0
    for fragment in fragments:
        found = out.find(fragment, position)
        assert found >= 0, (fragment, out)
        position = found + len(fragment)
    assert not any(a in out for a in absent), out


@pytest.mark.parametrize("case", BLOCKS_AFTER_TEXT.values(), ids=BLOCKS_AFTER_TEXT.keys())
def test_a_block_right_under_a_line_of_text_renders_as_markdown_it_does(case):
    assert_renders(*case)


# Lists numbered 1) as markdown-it 11 reads them: (text, fragments in order, absent).
PARENTHESIS_LISTS = {
    "a list": ("1) one\n2) two", ["<ol>\n<li>one</li>\n<li>two</li>\n</ol>"], ["1)"]),
    "from another number": ("3) three\n4) four", ['<ol start="3">\n<li>three</li>'], []),
    "a number repeated": ("1) a\n1) b\n1) c", ["<ol>\n<li>a</li>\n<li>b</li>\n<li>c</li>"], []),
    "nested under a bullet": (
        "- fruit\n  1) apple\n  2) pear\n- veg",
        ["<ul>\n<li>fruit<ol>\n<li>apple</li>\n<li>pear</li>\n</ol>\n</li>\n<li>veg</li>"], []),
    "nested four spaces deep": (
        "- a\n\n    1) x\n    2) y", ["<li>\n<p>a</p>\n<ol>\n<li>x</li>\n<li>y</li>"], []),
    "bullets under 1)": (
        "1) Install\n   - the server\n   - the client\n2) Run",
        ["<ol>\n<li>Install<ul>\n<li>the server</li>", "</ul>\n</li>\n<li>Run</li>"], []),
    "1) under 1.": ("1. a\n   1) x\n2. b", ["<ol>\n<li>a<ol>\n<li>x</li>\n</ol>", "<li>b"], []),
    # CommonMark: another delimiter starts another list (with its own start).
    "a dot then a parenthesis": (
        "1. a\n2) b", ["<ol>\n<li>a</li>\n</ol>", '<ol start="2">\n<li>b</li>'], []),
    "loose, with a second paragraph": (
        "1) a\n\n2) b\n\n   more b",
        ["<li>\n<p>a</p>", "<li>\n<p>b</p>\n<p>more b</p>"], []),
    "a fence in an item": (
        "1) step:\n   ```\n   code\n   ```\n2) next",
        ["<li>\n<p>step:</p>", "<code>code\n</code>", "<li>\n<p>next</p>"], ["```"]),
    "in a quote": ("> 1) quoted\n> 2) two", ["<blockquote>\n<ol>\n<li>quoted</li>"], []),
    "a task list": ("1) [x] done\n2) [ ] todo", ['<ol class="task-list">', "☑", "☐"], []),
    "(1) in a sentence": (
        "Pick (1) or (2)\n(1) is cheaper", ["<p>Pick (1) or (2)<br>\n(1) is cheaper</p>"],
        ["<ol"]),
    "1) inside a line": ("Option 1) is fine, 2) is not", ["<p>Option 1) is fine"], ["<ol"]),
    "no space after": ("1)no list", ["<p>1)no list</p>"], ["<ol"]),
    "no number": (") not\n. a list", ["<p>) not<br>\n. a list</p>"], ["<ol"]),
    "letters and roman numerals are text, as in markdown-it": (
        "a) one\nb) two\n\nI. Intro\nII. More", ["<p>a) one", "<p>I. Intro"], ["<ol"]),
    "the block syntax of fancylists is not ours": (
        "/// fancylists | start=3\n1. a\n///", ["/// fancylists"], ['start="3"']),
}


@pytest.mark.parametrize("case", PARENTHESIS_LISTS.values(), ids=PARENTHESIS_LISTS.keys())
def test_lists_numbered_with_a_parenthesis(case):
    assert_renders(*case)


def test_separating_blocks_leaves_code_in_a_quote_alone():
    text = "> ```\n> text\n> - not a list\n> | a |\n> |---|\n> ```"
    assert separate_blocks(text) == text


def test_bare_urls_become_links():
    out = html("See https://example.org/a?b=1 and www.example.com.")
    assert '<a href="https://example.org/a?b=1"' in out and 'href="http://www.example.com"' in out


def test_emoji_shortcodes_become_characters():
    assert "💼" in html(":briefcase: :smile:") and "😄" in html(":smile:")


def test_a_code_fence_inside_a_list_item_stays_in_it():
    out = html("1. Run this:\n   ```bash\n   [[ -f x ]] && echo ok\n   ```\n2. Then this\n")
    assert out.count("<li>") == 2
    item = out.split("<li>")[1]
    assert "<pre>" in item and "[[" in item and "<a " not in item  # not a wikilink
    assert "Then this" in out.split("<li>")[2]


def test_strikethrough_mark_sub_and_sup():
    out = html("~~old~~ ==hot== H~2~O E=mc^2^")
    assert "<del>old</del>" in out and "<mark>hot</mark>" in out
    assert "H<sub>2</sub>O" in out and "mc<sup>2</sup>" in out


def test_task_lists():
    out = html("- [x] done\n- [ ] to do\n")
    assert '<ul class="task-list">' in out and "<input" not in out
    assert '<span class="task-list-check" title="done">☑</span> done' in out
    assert '<span class="task-list-check" title="not done">☐</span> to do' in out


def test_tabsets_are_details_grouped_by_name_first_open():
    out = html("# Tabs {.tabset}\n## First\none\n## Second\ntwo\n\n# After\n")
    assert "Tabs</h2>" not in out
    assert out.count('<details class="tabset__tab" name="tabset-1"') == 2
    assert '<details class="tabset__tab" name="tabset-1" open><summary>First</summary>' in out
    assert '<div class="tabset__panel"><p>two</p>' in out
    assert 'id="after"' in out.split("</div></details></div>")[-1]


def test_details_with_markdown_inside():
    out = html("<details>\n<summary>More</summary>\n\n**bold** text\n\n</details>\n")
    assert "<details>" in out and "<summary>More</summary>" in out
    assert "<strong>bold</strong>" in out


def test_video_and_audio_with_http_sources():
    out = html('<video src="https://example.org/a.mp4" controls width="640"></video>\n\n'
               '<audio controls><source src="/files/a.ogg" type="audio/ogg"></audio>')
    assert '<video src="https://example.org/a.mp4" controls width="640">' in out
    assert '<source src="/files/a.ogg" type="audio/ogg">' in out


@pytest.mark.parametrize(("size", "attrs"), [
    ("=600x", 'width="600"'), ("=x200", 'height="200"'), ("=600x200", 'width="600" height="200"'),
])
def test_image_sizes(size, attrs):
    out = html(f"![A map](/uploads/map.png {size})")
    assert 'src="/uploads/map.png"' in out and "=" not in out.split('src="')[1].split('"')[0]
    for attr in attrs.split():
        assert attr in out


def test_heading_ids_as_wiki_js_makes_them():
    out = html("# 2024 plans\n# Über uns\n# Setup\n## Setup\n# Main\n# Q&A: why?\n# A {#custom}")
    for wanted in ("h-2024-plans", "über-uns", "setup", "setup-1", "main-section", "qa-why",
                   "custom"):
        assert f'id="{wanted}"' in out, wanted
    assert uslug("Hello, World!  Again") == "hello-world-again"


def test_mermaid_is_left_for_the_sites_own_mermaid_to_draw():
    out = html("```mermaid\ngraph TD\n  A-->B\n```\n")
    assert '<pre class="mermaid">graph TD\n  A--&gt;B</pre>' in out


def test_drawio_diagrams_show_as_their_image():
    svg = b'<svg xmlns="http://www.w3.org/2000/svg" content="&lt;mxfile/&gt;"><rect/></svg>'
    encoded = base64.b64encode(svg).decode()
    out = html(f"```diagram\n{encoded}\n```\n")
    assert f'<img src="data:image/svg+xml;base64,{encoded}" alt="draw.io diagram">' in out
    assert '<figure class="diagram diagram--drawio">' in out


def test_drawio_data_without_an_image_is_a_clear_block():
    out = html("```diagram\nbm90IGFuIGltYWdl\n```\n")
    assert "diagram--data" in out and "holds no image" in out and "<img" not in out


@pytest.mark.parametrize(("fence", "kind"), [
    ("```plantuml\n@startuml\na -> b\n@enduml\n```", "PlantUML diagram"),
    ("```kroki\ngraphviz\ndigraph { a -> b }\n```", "graphviz diagram (kroki)"),
])
def test_kroki_and_plantuml_show_their_source_with_their_kind(fence, kind):
    out = html(fence)
    assert f'<p class="diagram__kind">{kind} (source)</p>' in out
    assert '<div class="highlight">' in out and "-&gt;" in out


def test_separating_blocks_leaves_code_alone():
    text = "```\ntext\n- not a list\n```\nafter\n- item"
    assert separate_blocks(text) == "```\ntext\n- not a list\n```\n\nafter\n\n- item"


def test_callouts_in_a_row_stay_apart_and_a_paragraph_after_one_is_its_own():
    out = html("> one\n{.is-info}\n\n> two\n{.is-danger}\n\nafter\n\n> three\n")
    assert out.count("<blockquote") == 3 and "<!--" not in out
    assert '<blockquote class="is-info">\n<p>one</p>' in out
    assert "<p>after</p>" in out.split("</blockquote>")[2]
