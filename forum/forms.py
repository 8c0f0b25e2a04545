"""The composer (new thread, reply, edit), the flag form and the move form."""

import uuid

from django import forms
from django.conf import settings

from markup.widgets import MarkdownEditor
from network_societies.merging import VersionedForm

from .models import Flag


def _body_field(compact=False):
    return forms.CharField(
        label="Your post",
        widget=MarkdownEditor(attrs={"rows": 3 if compact else 10}, mentions=True,
                              compact=compact, submit_shortcut=True),
        help_text="Write @username to tell that person about your post.",
        error_messages={"required": "Write something before posting."},
    )


class PostForm(forms.Form):
    """A reply or an edit. ``token`` makes a double-submitted form store one post."""

    body = _body_field()
    token = forms.CharField(widget=forms.HiddenInput, required=False, max_length=64)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if not self.is_bound:
            self.initial.setdefault("token", uuid.uuid4().hex)

    def clean_body(self):
        body = self.cleaned_data["body"].replace("\r\n", "\n").replace("\x00", "")
        if not body.strip():
            raise forms.ValidationError("Write something before posting.")
        # Read at call time, so tests and deployments can change it.
        limit = settings.FORUM_MAX_POST_CHARS
        if len(body) > limit:
            raise forms.ValidationError(
                f"This post is {len(body):,} characters long; the limit is {limit:,}. "
                "Shorten it or split it into several posts."
            )
        return body


class ReplyForm(PostForm):
    """The reply box under a thread: compact, and it may answer one post (``reply_to``)."""

    body = _body_field(compact=True)
    reply_to = forms.IntegerField(widget=forms.HiddenInput, required=False, min_value=1)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["body"].label = "Your reply"


class ThreadForm(PostForm):
    title = forms.CharField(
        max_length=200, label="Title",
        help_text="A short question or statement people will recognise in a list.",
        widget=forms.TextInput(attrs={"autofocus": True}),
        error_messages={"required": "Give the thread a title."},
    )
    field_order = ["title", "body", "token"]

    def clean_title(self):
        title = " ".join(self.cleaned_data["title"].replace("\x00", "").split())
        if not title:
            raise forms.ValidationError("Give the thread a title.")
        return title


class EditForm(VersionedForm, PostForm):
    """Editing a post. It carries the post's edit count when opened (``version``), so a save
    from a second, older tab merges with the first instead of undoing it."""

    version = forms.IntegerField(widget=forms.HiddenInput, min_value=0, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["body"].label = "Post"


class FlagForm(forms.Form):
    reason = forms.ChoiceField(
        choices=Flag.Reason.choices, widget=forms.RadioSelect, label="What is wrong with it?"
    )
    note = forms.CharField(
        max_length=500, required=False, label="Anything the moderators should know? (optional)",
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class MoveForm(forms.Form):
    node = forms.ModelChoiceField(queryset=None, label="Move to", empty_label=None)

    def __init__(self, *args, **kwargs):
        from taxonomy.models import TaxonomyNode

        super().__init__(*args, **kwargs)
        field = self.fields["node"]
        field.queryset = TaxonomyNode.objects.active().order_by("tree_id", "lft")
        field.label_from_instance = lambda node: f"{'— ' * node.level}{node.name}"
