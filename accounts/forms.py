"""Forms of the accounts app: profile settings, and allauth's login form in our words."""

from allauth.account.forms import LoginForm as AllauthLoginForm
from django import forms
from django.core.validators import MaxLengthValidator

from .models import Profile


class ProfileForm(forms.ModelForm):
    class Meta:
        model = Profile
        fields = ["bio", "email_notifications"]
        widgets = {"bio": forms.Textarea(attrs={"rows": 4})}


LOGIN_MAX_LENGTH = 254


class LoginForm(AllauthLoginForm):
    """allauth's login form, labelled for people: one box takes a username or an email."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["login"].label = "Username or email"
        # No username or email is longer (an email is at most 254 characters); a longer login is
        # a form error before any lookup (SQLite refuses LIKE patterns over 50,000 characters).
        self.fields["login"].max_length = LOGIN_MAX_LENGTH
        self.fields["login"].validators.append(MaxLengthValidator(LOGIN_MAX_LENGTH))
        attrs = self.fields["login"].widget.attrs
        attrs.update({"autocomplete": "username", "autocapitalize": "none"})
        # The labels say it all; placeholders that repeat them only add noise for screen readers.
        self.fields["login"].widget.attrs.pop("placeholder", None)
        self.fields["password"].widget.attrs.pop("placeholder", None)
        # The page links to password reset itself; an empty help text also drops the dangling
        # aria-describedby Django would otherwise point at it.
        self.fields["password"].help_text = ""
        if "remember" in self.fields:
            self.fields["remember"].label = "Keep me logged in on this device"


class DeleteAccountForm(forms.Form):
    """Deleting an account: typing the username guards against a slip of the finger."""

    username = forms.CharField(label="Type your username to confirm", max_length=150,
                               widget=forms.TextInput(attrs={"autocomplete": "off",
                                                             "autocapitalize": "none"}))
    remove_posts = forms.BooleanField(
        required=False, label="Also remove my forum posts",
        help_text="Their text is erased; the threads keep a note that a post was removed. "
                  "Page edits stay either way: they are published under the wiki's licence and "
                  "are part of other people's pages.")

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user

    def clean_username(self):
        if self.cleaned_data["username"].strip() != self.user.get_username():
            raise forms.ValidationError("That is not your username: nothing was deleted.")
        return self.cleaned_data["username"]
