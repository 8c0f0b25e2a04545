from django import forms

from .models import Level


class LevelForm(forms.Form):
    """A Moderator's change of someone's level: the reason is logged and shown to Moderators."""

    level = forms.TypedChoiceField(choices=Level.choices, coerce=int, label="Trust level")
    reason = forms.CharField(max_length=500, label="Why",
                             widget=forms.TextInput(attrs={"autocomplete": "off"}))
    locked = forms.BooleanField(
        required=False, initial=True, label="Keep it there (automatic promotion leaves it alone)")
