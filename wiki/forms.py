"""Forms for the wiki: the page editor, a new page's path and title, and a move."""

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError

from markup.widgets import MarkdownEditor
from network_societies.merging import VersionedForm

from .models import Page, normalise_path, parse_tag_names, validate_page_path


class PathField(forms.CharField):
    """A page path as typed ("/Network-Societies/Pop-ups/" is fine), cleaned to canonical form."""

    def __init__(self, **kwargs):
        kwargs.setdefault("max_length", 300)
        kwargs.setdefault("help_text", "Lowercase words separated by slashes, e.g. "
                                       "network-societies/pop-ups.")
        super().__init__(**kwargs)

    def clean(self, value):
        path = normalise_path(super().clean(value))
        validate_page_path(path)
        return path


class PageForm(VersionedForm, forms.Form):
    """The page editor. It carries the revision it started from (``base_revision``), so a stale
    save is merged field by field by ``save_page``. Whoever may not unpublish the page
    (``permissions.can_unpublish``) sees "Published" ticked and fixed: pass ``published_locked``
    and the page's current state as ``initial``."""

    version_field = "base_revision"
    title = forms.CharField(max_length=200)
    description = forms.CharField(
        max_length=500, required=False,
        help_text="One sentence shown under the title and in search results.",
    )
    markdown = forms.CharField(label="Text", required=False, strip=False, widget=MarkdownEditor)
    tags = forms.CharField(
        required=False, max_length=1000,
        help_text="Separated by commas, e.g. pop-up villages, europe.",
    )
    published = forms.BooleanField(
        required=False, initial=True,
        help_text="Unpublished pages are seen only by you and Moderators.",
    )
    summary = forms.CharField(
        label="Edit summary", max_length=300, required=False,
        help_text="What did you change, and why? Shown in history and recent changes.",
    )
    # The revision the editor started from (0: a page that did not exist yet).
    base_revision = forms.IntegerField(widget=forms.HiddenInput, min_value=0, required=False)

    def __init__(self, *args, published_locked=False, page_path=None, **kwargs):
        super().__init__(*args, **kwargs)
        # The preview resolves relative links and imported files from the page's own path.
        self.fields["markdown"].widget.page_path = page_path
        if published_locked:
            # A disabled field ignores what is posted and keeps its initial value (the page's).
            field = self.fields["published"]
            field.disabled = True
            field.help_text = ("Only Moderators can unpublish a page, as only they can delete "
                               "one. Flag it in its discussion if it should go.")

    @property
    def conflict_rows(self):
        # The text is shown as diffs by wiki/edit.html; the rows are the page's other fields.
        return [row for row in super().conflict_rows if row.name != "markdown"]

    @classmethod
    def initial_for(cls, page):
        """What the editor starts from: the page's current revision, or an empty new page."""
        revision = page.current_revision if page else None
        if revision is None:
            return {"published": True, "base_revision": 0}
        return {
            "title": revision.title, "description": revision.description,
            "markdown": revision.markdown, "tags": revision.tags,
            "published": page.published, "base_revision": revision.number,
        }

    def clean_title(self):
        title = self.cleaned_data["title"].strip()
        if not title:
            raise ValidationError("A page needs a title.")
        return title

    def clean_markdown(self):
        # Browsers send CRLF; stored text uses LF so diffs and merges compare like with like.
        text = self.cleaned_data["markdown"].replace("\r\n", "\n").replace("\r", "\n")
        limit = settings.WIKI_MAX_BODY_CHARS
        if len(text) > limit:
            raise ValidationError(
                f"The text is too long: {len(text):,} characters, at most {limit:,}. "
                "Split it into several pages."
            )
        return text

    def clean_tags(self):
        return parse_tag_names(self.cleaned_data["tags"])


class NewPageForm(forms.Form):
    path = PathField(label="Path")
    title = forms.CharField(max_length=200, required=False,
                            help_text="You can change it in the editor.")

    def clean_path(self):
        path = self.cleaned_data["path"]
        if Page.objects.at(path).exists():
            raise ValidationError(f"There is already a page at /{path} (paths ignore case).")
        return path


class MoveForm(forms.Form):
    new_path = PathField(label="New path")

    def __init__(self, *args, page, **kwargs):
        self.page = page
        super().__init__(*args, **kwargs)

    def clean_new_path(self):
        path = self.cleaned_data["new_path"]
        if path == self.page.path:
            raise ValidationError("That is the page's path already.")
        if Page.objects.at(path).exclude(pk=self.page.pk).exists():
            raise ValidationError(f"There is already a page at /{path}.")
        return path
