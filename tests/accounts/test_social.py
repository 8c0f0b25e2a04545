"""Signing in with another account, against a real (local) OpenID Connect provider: a new person
gets an account, a verified email counts as verified, an existing account is never entered or
linked through an email alone, and a signed-in person links and unlinks accounts."""

import pytest
import requests
from allauth.account.models import EmailAddress
from allauth.socialaccount.models import SocialAccount
from django.contrib.auth import get_user_model

from tests.accounts.oidc_provider import Provider, provider_settings

pytestmark = pytest.mark.django_db


@pytest.fixture
def provider(settings, monkeypatch):
    monkeypatch.setenv("NO_PROXY", "127.0.0.1,localhost")
    with Provider() as running:
        settings.SOCIALACCOUNT_PROVIDERS = provider_settings(running.url)
        yield running


def sign_in_with_provider(client, process="login"):
    """Walk the OpenID Connect code flow: our login view → the provider's authorize endpoint →
    back to our callback. Returns the callback's response."""
    start = client.post("/accounts/oidc/testidp/login/", {"process": process})
    assert start.status_code == 302, start.content[:500]
    authorize = requests.get(start["Location"], allow_redirects=False, timeout=5)
    assert authorize.status_code == 302
    callback = authorize.headers["Location"]
    assert callback.startswith("http://testserver/accounts/oidc/testidp/login/callback/")
    return client.get(callback.removeprefix("http://testserver"))


def test_the_provider_is_offered_only_when_configured(client, settings):
    settings.SOCIALACCOUNT_PROVIDERS = {}
    assert b"Test Identity" not in client.get("/accounts/login/").content
    settings.SOCIALACCOUNT_PROVIDERS = provider_settings("http://127.0.0.1:9")
    assert b"Test Identity" in client.get("/accounts/login/").content


def test_a_new_person_signs_up_with_a_verified_email(client, provider):
    provider.claims = {"sub": "u-1", "email": "dana@example.org", "email_verified": True,
                       "preferred_username": "dana"}
    response = sign_in_with_provider(client)
    assert response.status_code == 302
    user = get_user_model().objects.get(email="dana@example.org")
    assert int(client.session["_auth_user_id"]) == user.pk
    assert SocialAccount.objects.get(user=user).uid == "u-1"
    assert EmailAddress.objects.get(user=user).verified  # the provider's word counts
    # No password to ask again: the fresh sign-in with the provider counts as recent.
    assert not user.has_usable_password()
    assert client.get("/accounts/data/download/").status_code == 200


def test_an_unverified_email_is_not_taken_as_verified(client, provider):
    provider.claims = {"sub": "u-2", "email": "erin@example.org", "email_verified": False,
                       "preferred_username": "erin"}
    sign_in_with_provider(client)
    address = EmailAddress.objects.get(email="erin@example.org")
    assert not address.verified


@pytest.mark.parametrize("verified", [False, True])
def test_an_existing_account_is_never_entered_through_its_email(client, provider, user, verified):
    """Someone controlling an identity provider account that claims alice's email (verified or
    not) neither signs in as alice nor gets linked to her account."""
    EmailAddress.objects.create(user=user, email=user.email, verified=True, primary=True)
    provider.claims = {"sub": "attacker", "email": user.email, "email_verified": verified,
                       "preferred_username": "alice2"}
    response = sign_in_with_provider(client)
    assert client.session.get("_auth_user_id") in (None, "")
    assert not SocialAccount.objects.filter(user=user).exists()
    # allauth asks for the new account's details instead of signing in.
    if response.status_code == 302:
        response = client.get(response["Location"])
    assert b"Finish signing up" in response.content
    # Insisting on alice's address creates no second account with it and signs in as nobody.
    client.post("/accounts/3rdparty/signup/", {"email": user.email, "username": "alice2"})
    assert client.session.get("_auth_user_id") in (None, "")
    assert get_user_model().objects.filter(email__iexact=user.email).count() == 1
    assert not SocialAccount.objects.filter(user=user).exists()


def test_a_signed_in_person_links_and_unlinks(client, provider, user):
    client.force_login(user)
    provider.claims = {"sub": "alice-at-idp", "email": "alice.other@example.org",
                       "email_verified": True}
    sign_in_with_provider(client, process="connect")
    account = SocialAccount.objects.get(user=user)
    assert account.uid == "alice-at-idp"
    page = client.get("/accounts/3rdparty/")
    assert b"Test Identity" in page.content
    client.post("/accounts/3rdparty/", {"account": account.pk})
    assert not SocialAccount.objects.filter(user=user).exists()
    # Signing in with that identity again no longer reaches alice.
    client.post("/accounts/logout/")
    sign_in_with_provider(client)
    assert client.session.get("_auth_user_id") != str(user.pk)


def _providers_with(env):
    """The providers settings.py enables with ``env`` (a fresh interpreter reads it)."""
    import json
    import os
    import subprocess
    import sys

    code = ("import json; from network_societies import settings as s; "
            "print(json.dumps({k: v['APPS'][0] for k, v in s.SOCIALACCOUNT_PROVIDERS.items()}))")
    clean = {k: v for k, v in os.environ.items()
             if not k.startswith(("GITHUB_", "DISCORD_", "GOOGLE_", "OIDC_"))}
    out = subprocess.run([sys.executable, "-c", code], env={**clean, "DEBUG": "1", **env},
                         capture_output=True, text=True, check=True)
    return json.loads(out.stdout)


def test_each_provider_is_enabled_by_its_environment():
    assert _providers_with({}) == {}
    enabled = _providers_with({
        "GITHUB_CLIENT_ID": "gh", "GITHUB_CLIENT_SECRET": "ghs",
        "DISCORD_CLIENT_ID": "dc",  # no secret: off
        "GOOGLE_CLIENT_ID": "go", "GOOGLE_CLIENT_SECRET": "gos",
        "OIDC_SERVER_URL": "https://id.example.org", "OIDC_CLIENT_ID": "oc",
        "OIDC_CLIENT_SECRET": "ocs", "OIDC_NAME": "Example ID",
    })
    assert set(enabled) == {"github", "google", "openid_connect"}
    assert enabled["github"]["client_id"] == "gh"
    assert enabled["openid_connect"]["name"] == "Example ID"
    assert enabled["openid_connect"]["settings"]["server_url"] == "https://id.example.org"


def test_a_half_configured_provider_is_reported():
    from accounts.checks import half_configured_providers

    warnings = half_configured_providers(None, environ={"DISCORD_CLIENT_ID": "dc"})
    assert [w.id for w in warnings] == ["accounts.W001"]
    assert "DISCORD_CLIENT_SECRET" in warnings[0].msg
    assert half_configured_providers(None, environ={}) == []
