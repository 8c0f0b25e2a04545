"""Public profiles (/u/<username>/), a person's own settings and their watchlist."""

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect, render

from . import sections
from .forms import ProfileForm
from .models import Profile
from .roles import is_editor, is_moderator


def profile(request, username):
    person = get_object_or_404(
        get_user_model().objects.select_related("profile"), username=username, is_active=True
    )
    return render(request, "accounts/profile.html", {
        "person": person,
        "bio": getattr(getattr(person, "profile", None), "bio", ""),
        "is_editor": is_editor(person),
        "is_moderator": is_moderator(person),
        "sections": sections.profile.for_user(person, request),
    })


@login_required
def account_settings(request):
    # An unsaved profile until the form is saved: a GET never writes (Profile.for_user would).
    profile = Profile.objects.filter(user=request.user).first() or Profile(user=request.user)
    form = ProfileForm(request.POST or None, instance=profile)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, "Your settings were saved.")
        return redirect("accounts:settings")
    return render(request, "accounts/settings.html", {"form": form})


@login_required
def watching(request):
    """Everything the person watches, across apps, with what changed last (MediaWiki's
    watchlist); each entry has its own stop-watching button."""
    return render(request, "accounts/watching.html", {
        "sections": sections.watchlist.for_user(request.user, request),
    })
