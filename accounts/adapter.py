"""The points of django-allauth this site customises, in one place (allauth's adapter design)."""

import time
from dataclasses import dataclass
from urllib.parse import urlsplit

from allauth.account import app_settings as account_settings
from allauth.account.adapter import DefaultAccountAdapter
from allauth.account.internal.flows.login import get_authentication_records
from allauth.core import context as allauth_context
from django.conf import settings
from django.contrib.sites.shortcuts import get_current_site
from django.core.exceptions import ValidationError
from django.urls import reverse


@dataclass(frozen=True)
class PublicSite:
    """What an email calls the site: its name and the address people reach it at."""

    name: str
    domain: str


def public_domain(request):
    """The host the person used (checked against ALLOWED_HOSTS by Django), else SITE_URL's: the
    Sites row keeps whatever address the first migrate saw, often 127.0.0.1:8000."""
    if request is not None:
        return request.get_host()
    return urlsplit(settings.NS_SITE_URL).netloc


class AccountAdapter(DefaultAccountAdapter):
    def is_open_for_signup(self, request):
        return getattr(settings, "ACCOUNT_ALLOW_SIGNUP", True)

    def get_signup_redirect_url(self, request):
        return reverse("home")

    def send_mail(self, template_prefix, email, context):
        """Account emails (confirmation, password reset) go out from the task queue, retried
        while the mail server refuses, instead of failing the sign-up that sent them. They name
        the address the person used (``public_domain``)."""
        from notifications.tasks import queue_email

        request = allauth_context.request
        site = PublicSite(name=get_current_site(request).name, domain=public_domain(request))
        context = {"request": request, "email": email, "current_site": site, **context}
        queue_email(self.render_mail(template_prefix, email, context))

    def is_reauthentication_required(self, *, app, **kwargs):
        """A sign-in within ``ACCOUNT_REAUTHENTICATION_TIMEOUT`` counts as recent, whatever it
        was made with (password, passkey, another account): what needs a recent sign-in (second
        factors, your data, deleting the account) asks again only after that."""
        required = super().is_reauthentication_required(app=app, **kwargs)
        request = allauth_context.request
        user = getattr(request, "user", None)
        if not required or user is None or not user.is_authenticated:
            return required
        timeout = account_settings.REAUTHENTICATION_TIMEOUT
        return not any(time.time() - record.get("at", 0) < timeout
                       for record in get_authentication_records(request, user))

    def clean_username(self, username, shallow=False):
        # A username is a path segment of its profile's address (/u/<name>/). Browsers resolve
        # "." and ".." (and "%2e" forms, which usernames cannot contain) away, so /u/../ is "/".
        if username and set(username) <= {"."}:
            raise ValidationError(
                "A username needs at least one letter or digit: dots alone are part of how web "
                "addresses work, so your profile page could not be reached.",
                code="unsafe_username",
            )
        # Deleted accounts become "former-member-<id>" (accounts/data.py); nobody may pose as one.
        if username and username.lower().startswith("former-member"):
            raise ValidationError("Usernames starting with “former-member” are kept for deleted "
                                  "accounts. Please choose another.", code="reserved_username")
        return super().clean_username(username, shallow=shallow)
