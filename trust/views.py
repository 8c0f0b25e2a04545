"""A Moderator changes someone's trust level from their profile."""

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.views.decorators.http import require_POST

from accounts.roles import is_moderator

from .forms import LevelForm
from .models import Level
from .promotion import set_level as set_level_of


@login_required
@require_POST
def set_level(request, username):
    if not is_moderator(request.user):
        raise PermissionDenied("Only Moderators change trust levels.")
    person = get_object_or_404(get_user_model(), username=username, is_active=True)
    form = LevelForm(request.POST)
    if form.is_valid():
        data = form.cleaned_data
        set_level_of(user=person, level=data["level"], moderator=request.user,
                     reason=data["reason"], locked=data["locked"])
        label = Level(data["level"]).label.lower()
        messages.success(request, f"{person.get_username()} is now at the {label} level; the "
                                  "change is logged.")
    else:
        messages.error(request, "Choose a level and say why: the change is logged with why.")
    return redirect(reverse("accounts:profile", args=[person.get_username()]) + "#trust")
