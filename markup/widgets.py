"""The markdown editor widget: toolbar, monospace textarea and a live preview pane.

    body = forms.CharField(widget=MarkdownEditor())            # wiki pages
    body = forms.CharField(widget=MarkdownEditor(mentions=True))  # forum posts: preview @mentions

With JavaScript (static/js/editor.js, the widget's ``Media``: the page must render
``{{ form.media }}``) the preview follows the text: a debounced POST to
``wiki:preview`` renders it with the one pipeline. Ctrl/Cmd+S submits the form, and leaving with
unsaved changes asks first.

Without JavaScript the widget's own submit button ``name="preview"`` posts the form. Views using
the widget MUST handle it: when ``"preview" in request.POST``, re-render the bound form (the pane
then shows the posted text rendered) and save nothing.
"""

from django import forms
from django.urls import reverse

from .mentions import lookup_url as mention_lookup_url
from .resolvers import preview_html

TOOLS = (
    # (action, label, what the button shows, keyboard shortcut)
    ("bold", "Bold", "B", "Ctrl+B"),
    ("italic", "Italic", "I", "Ctrl+I"),
    ("heading", "Heading", "H", ""),
    ("link", "Link", "Link", "Ctrl+K"),
    ("wikilink", "Link to a wiki page", "[[ ]]", ""),
    ("bulleted", "Bulleted list", "•", ""),
    ("numbered", "Numbered list", "1.", ""),
    ("quote", "Quote", "❝", ""),
    ("code", "Code", "</>", ""),
)


class MarkdownEditor(forms.Textarea):
    template_name = "markup/editor.html"

    class Media:
        # Declared, not written into the widget's HTML: a page renders ``{{ form.media }}`` once in
        # its head, and the CSP allows only script files.
        js = [forms.Script("js/editor.js", defer=True)]

    def __init__(self, attrs=None, *, mentions=False, compact=False, submit_shortcut=False,
                 page_path=None):
        """``mentions``: the preview links @mentions. ``compact``: a conversation's reply box
        that grows as one writes, with the toolbar and the preview a toggle away (side by side
        on wide screens). ``submit_shortcut``: Ctrl/Cmd+Enter submits the form.
        ``page_path``: a wiki page's path; its preview resolves relative links and files from it."""
        defaults = {"rows": 20, "class": "mono md-editor__input", "spellcheck": "true"}
        if attrs and "class" in attrs:
            attrs = {**attrs, "class": f"{defaults['class']} {attrs['class']}"}
        super().__init__({**defaults, **(attrs or {})})
        self.mentions = mentions
        self.page_path = page_path
        self.compact = compact
        self.submit_shortcut = submit_shortcut

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        text = self.format_value(value) or ""
        context["widget"].update({
            "tools": [
                {"action": a, "label": label, "face": face, "shortcut": key}
                for a, label, face, key in TOOLS
            ],
            "preview_url": reverse("markup:preview"),
            "mentions": self.mentions,
            "page_path": self.page_path,
            "compact": self.compact,
            "submit_shortcut": self.submit_shortcut,
            # Every editor offers @mention suggestions (forum posts and wiki pages alike).
            "mention_url": mention_lookup_url(),
            # The first preview shows links exactly as the saved page will (a few queries,
            # whatever the text's length): same wikilinks, same red links.
            "preview_html": (
                preview_html(text, mentions=self.mentions, page_path=self.page_path)
                if text.strip() else ""
            ),
        })
        return context
