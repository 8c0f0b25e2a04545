from django import forms

from .models import Profile


class ProfileForm(forms.ModelForm):
    class Meta:
        model = Profile
        fields = ["bio", "email_notifications"]
        widgets = {"bio": forms.Textarea(attrs={"rows": 4})}
