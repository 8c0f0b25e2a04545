"""Forms for uploading, describing and replacing files, and setting a cover."""

from django import forms

from .models import DESCRIPTION_MAX_LENGTH

DESCRIPTION_HELP = (
    "What the image shows, for people who cannot see it (screen readers, slow connections). "
    "It becomes the image's alt text."
)


def _description_field():
    return forms.CharField(
        label="Description", required=False, max_length=DESCRIPTION_MAX_LENGTH,
        help_text=DESCRIPTION_HELP, widget=forms.Textarea(attrs={"rows": 3}),
    )


class UploadForm(forms.Form):
    file = forms.FileField(label="File", allow_empty_file=True)
    description = _description_field()


class VersionForm(forms.Form):
    file = forms.FileField(label="New version", allow_empty_file=True)
    comment = forms.CharField(label="What changed", required=False, max_length=300)


class DescriptionForm(forms.Form):
    description = _description_field()


class SearchForm(forms.Form):
    q = forms.CharField(label="Search files", required=False, max_length=200)
    kind = forms.ChoiceField(
        label="Kind", required=False,
        choices=[("", "All files"), ("images", "Images"), ("other", "Other files")],
    )
