"""The MarkdownEditor widget's HTML: toolbar, textarea, preview pane and non-JS Preview button."""

from html.parser import HTMLParser

import pytest
from django import forms

from markup.widgets import TOOLS, MarkdownEditor

pytestmark = pytest.mark.django_db


class PostForm(forms.Form):
    body = forms.CharField(widget=MarkdownEditor(attrs={"rows": 8, "class": "extra"}))


class MentionForm(forms.Form):
    body = forms.CharField(widget=MarkdownEditor(mentions=True))


class _Elements(HTMLParser):
    def __init__(self):
        super().__init__()
        self.elements = []

    def handle_starttag(self, tag, attrs):
        self.elements.append((tag, dict(attrs)))


def elements(html):
    parser = _Elements()
    parser.feed(html)
    return parser.elements


def render(form_class=PostForm, **data):
    form = form_class(data or None, initial={"body": "**Hello** [[World]]"})
    return str(form["body"])


def test_toolbar_has_a_labelled_button_for_every_tool():
    found = elements(render())
    toolbar = [attrs for tag, attrs in found if attrs.get("role") == "toolbar"]
    assert toolbar and toolbar[0]["aria-label"] == "Formatting"
    buttons = [attrs for tag, attrs in found if tag == "button" and "data-md-action" in attrs]
    assert [b["data-md-action"] for b in buttons] == [tool[0] for tool in TOOLS]
    assert {"bold", "italic", "heading", "link", "wikilink", "bulleted", "numbered", "quote",
            "code"} <= {b["data-md-action"] for b in buttons}
    for button in buttons:
        assert button["type"] == "button"  # never submits the form
        assert button["aria-label"]
        assert "tabindex" not in button  # reachable with the keyboard


def test_textarea_is_monospace_keeps_callers_attrs_and_the_value():
    html = render()
    (textarea,) = [attrs for tag, attrs in elements(html) if tag == "textarea"]
    assert textarea["name"] == "body" and textarea["rows"] == "8"
    assert {"mono", "md-editor__input", "extra"} <= set(textarea["class"].split())
    assert "**Hello** [[World]]</textarea>" in html


def test_preview_pane_is_a_polite_live_region_prefilled_with_the_rendered_text():
    html = render()
    (pane,) = [attrs for tag, attrs in elements(html) if "data-md-preview" in attrs]
    assert pane["aria-live"] == "polite"
    assert "<strong>Hello</strong>" in html and '<a href="/world" class="redlink"' in html


def test_posted_text_is_what_the_pane_shows_for_the_non_js_preview():
    html = str(PostForm({"body": "# Posted\n\n<script>x</script>", "preview": "1"})["body"])
    assert '<h2 id="posted">' in html and "<script>x" not in html


def test_non_js_preview_button_and_preview_url():
    found = elements(render())
    (preview,) = [attrs for tag, attrs in found if attrs.get("name") == "preview"]
    assert preview["type"] == "submit" and preview["value"] == "1"
    (editor,) = [attrs for tag, attrs in found if "data-md-editor" in attrs]
    assert editor["data-preview-url"] == "/markup/preview/"
    assert "data-mentions" not in editor
    # The script is the widget's form Media (rendered once in the page head), not inline.
    assert not any(tag == "script" for tag, attrs in found)
    assert 'src="/static/js/editor.js"' in str(PostForm().media)


def test_mentions_flag_is_passed_to_the_preview():
    (editor,) = [attrs for tag, attrs in elements(render(MentionForm)) if "data-md-editor" in attrs]
    assert editor["data-mentions"] == "1"


def test_empty_editor_explains_the_pane(db):
    html = str(PostForm()["body"])
    assert "The preview of your text shows here." in html


def test_the_first_preview_looks_links_up_in_a_bounded_number_of_queries(
        django_assert_max_num_queries, django_assert_num_queries):
    """The first preview shows links as the saved page will (issue 9): names and missing
    paths are looked up once each, whatever the number of links; plain text needs nothing."""
    many = " ".join(f"[[Page {i}]] [x](/path-{i})" for i in range(50))
    with django_assert_max_num_queries(5):
        html = str(PostForm(initial={"body": many})["body"])
    assert html.count('class="redlink"') == 100
    with django_assert_num_queries(0):
        str(PostForm(initial={"body": "**Just** text, a [site](https://example.org)."})["body"])
