"""plain_text: the words of rendered HTML for the search index, without markdown or markers."""

from markup import render_markdown
from markup.text import plain_text


def test_no_markdown_syntax_tags_or_permalink_markers_remain():
    html = render_markdown(
        "## Hubs\n\nSee [Pop Ups Villages](/network-societies/pop-ups) and **more**.[^1]\n\n"
        "- one\n- two\n\n[^1]: A note."
    ).html
    assert plain_text(html) == "Hubs See Pop Ups Villages and more.1 one two A note."


def test_entities_are_text_and_empty_input_is_empty():
    assert plain_text("<p>A &amp; B &lt;script&gt;</p>") == "A & B <script>"
    assert plain_text("") == plain_text(None) == ""
