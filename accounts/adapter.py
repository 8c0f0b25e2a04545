"""The points of django-allauth this site customises, in one place (allauth's adapter design)."""

from allauth.account.adapter import DefaultAccountAdapter
from allauth.core import context as allauth_context
from django.conf import settings
from django.contrib.sites.shortcuts import get_current_site
from django.core.exceptions import ValidationError
from django.urls import reverse


class AccountAdapter(DefaultAccountAdapter):
    def is_open_for_signup(self, request):
        return getattr(settings, "ACCOUNT_ALLOW_SIGNUP", True)

    def get_signup_redirect_url(self, request):
        return reverse("home")

    def send_mail(self, template_prefix, email, context):
        """Account emails (confirmation, password reset) go out from the task queue, retried
        while the mail server refuses, instead of failing the sign-up that sent them."""
        from notifications.tasks import queue_email

        request = allauth_context.request
        context = {"request": request, "email": email,
                   "current_site": get_current_site(request), **context}
        queue_email(self.render_mail(template_prefix, email, context))

    def clean_username(self, username, shallow=False):
        # A username is a path segment of its profile's address (/u/<name>/). Browsers resolve
        # "." and ".." (and "%2e" forms, which usernames cannot contain) away, so /u/../ is "/".
        if username and set(username) <= {"."}:
            raise ValidationError(
                "A username needs at least one letter or digit: dots alone are part of how web "
                "addresses work, so your profile page could not be reached.",
                code="unsafe_username",
            )
        return super().clean_username(username, shallow=shallow)
