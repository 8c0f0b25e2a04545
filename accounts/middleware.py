"""Editors and Moderators must have a second factor (``ACCOUNTS_MFA_REQUIRED`` names the groups).

Someone in such a group without a TOTP app or a passkey is sent to the two-factor page from every
other page until they add one; they may still sign out, reauthenticate and reach static files.
Once they have one, allauth asks for it after the password at every sign-in. People outside the
groups cost no query here; people inside cost one (do they have an authenticator?).
"""

import functools

from allauth.mfa.models import Authenticator
from django.conf import settings
from django.contrib import messages
from django.shortcuts import redirect
from django.urls import get_script_prefix, get_urlconf, reverse

from .roles import in_any_group

#: Authenticators that are a second factor by themselves (recovery codes only back them up).
SECOND_FACTORS = (Authenticator.Type.TOTP, Authenticator.Type.WEBAUTHN)


def needs_second_factor(user):
    """Whether ``user`` must add a second factor before doing anything else."""
    groups = settings.ACCOUNTS_MFA_REQUIRED
    if not groups or not user.is_authenticated or not in_any_group(user, groups):
        return False
    return not Authenticator.objects.filter(user=user, type__in=SECOND_FACTORS).exists()


@functools.lru_cache(maxsize=8)
def _allowed_paths(urlconf, script_prefix):
    """Reversed once per URLconf and prefix, not on every signed-in request."""
    return (
        reverse("mfa_index"), reverse("account_logout"), reverse("account_reauthenticate"),
        settings.STATIC_URL, "/healthz",
    )


def require_second_factor(get_response):
    def middleware(request):
        if (request.user.is_authenticated and not request.path.startswith(
                _allowed_paths(get_urlconf(), get_script_prefix()))
                and needs_second_factor(request.user)):
            messages.warning(
                request,
                "Editors and Moderators sign in with two factors. Add an authenticator app or a "
                "passkey to go on.",
            )
            return redirect("mfa_index")
        return get_response(request)

    return middleware
