"""Public profiles (/u/<username>/), a person's own settings, watchlist, sessions and data."""

import json

from allauth.account.decorators import reauthentication_required
from django.contrib import messages
from django.contrib.auth import get_user_model, logout
from django.contrib.auth.decorators import login_required
from django.core.serializers.json import DjangoJSONEncoder
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from . import data, sections, signins
from .forms import DeleteAccountForm, ProfileForm
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


@login_required
def sessions(request):
    """Where the person is signed in: each session's device, address and last activity."""
    return render(request, "accounts/sessions.html", {
        "sessions": signins.sessions_of(request.user),
        "current_key": request.session.session_key,
    })


@login_required
@require_POST
def end_session(request):
    """End one session (``session``) or every other one (``others``)."""
    if "others" in request.POST:
        count = signins.end_other_sessions(request.user, request.session.session_key)
        messages.success(request, f"Signed out everywhere else ({count} session"
                                  f"{'' if count == 1 else 's'} ended).")
    elif signins.end_session(request.user, request.POST.get("session", "")):
        messages.success(request, "That session is signed out.")
    return redirect("accounts:sessions")


@login_required
def your_data(request):
    return render(request, "accounts/data.html", {"form": DeleteAccountForm(user=request.user)})


@login_required
@reauthentication_required
def download_data(request):
    """The archive as a JSON file download (a recent sign-in or the password again first)."""
    body = json.dumps(data.archive(request.user), cls=DjangoJSONEncoder, indent=2,
                      ensure_ascii=False)
    response = HttpResponse(body, content_type="application/json; charset=utf-8")
    name = f"{request.user.get_username()}-{timezone.now():%Y-%m-%d}.json"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    response["Cache-Control"] = "no-store"
    return response


@require_POST
@login_required
@reauthentication_required
def delete_account(request):
    form = DeleteAccountForm(request.POST, user=request.user)
    if not form.is_valid():
        return render(request, "accounts/data.html", {"form": form}, status=400)
    data.delete_account(request.user, remove_posts=form.cleaned_data["remove_posts"])
    logout(request)
    messages.success(request, "Your account is deleted. Thank you for everything you gave.")
    return redirect("home")
