"""Passkeys and two factors in chromium, with the DevTools protocol's virtual authenticator.

WebAuthn needs a secure context and an RP ID that is a domain: the live server is reached at
http://localhost:<port>, which chromium treats as secure and allauth uses as the RP ID.
"""

import time

import pytest
from allauth.mfa.models import Authenticator
from allauth.mfa.totp.internal.auth import format_hotp_value, hotp_value

from tests.conftest import PASSWORD


def totp_code(secret):
    return format_hotp_value(hotp_value(secret, int(time.time()) // 30))


def add_virtual_authenticator(page):
    """A platform authenticator that holds discoverable credentials and verifies the user."""
    cdp = page.context.new_cdp_session(page)
    cdp.send("WebAuthn.enable")
    cdp.send("WebAuthn.addVirtualAuthenticator", {"options": {
        "protocol": "ctap2", "transport": "internal", "hasResidentKey": True,
        "hasUserVerification": True, "isUserVerified": True, "automaticPresenceSimulation": True,
    }})
    return cdp


def sign_out(page):
    page.locator(".account-nav summary").click()
    page.get_by_role("button", name="Log out").click()
    page.wait_for_load_state()
    assert page.locator(".account-nav summary").count() == 0


def test_a_member_adds_a_passkey_and_signs_in_with_it_alone(login, user, screenshot):
    page = login(user)
    assert page.url.startswith("http://localhost:")
    add_virtual_authenticator(page)
    page.goto("/accounts/2fa/webauthn/add/")
    page.get_by_label("Sign in with it alone").check()
    page.locator("#mfa_webauthn_add").click()
    page.wait_for_url(lambda url: "/webauthn/add/" not in url)
    key = Authenticator.objects.get(user=user, type=Authenticator.Type.WEBAUTHN)
    assert key.wrap().is_passwordless
    screenshot(page, "passkey-added")

    sign_out(page)
    page.goto("/accounts/login/")
    page.get_by_role("button", name="A passkey").click()
    page.wait_for_url(lambda url: "/accounts/login/" not in url)
    assert page.locator(".account-nav summary").inner_text() == "alice"


@pytest.fixture
def mfa_required(settings):
    settings.ACCOUNTS_MFA_REQUIRED = ["Editors", "Moderators"]


def test_a_moderator_must_add_a_second_factor_and_then_gives_the_code(
    new_page, moderator, mfa_required, screenshot
):
    page = new_page()
    page.goto("/accounts/login/")
    page.fill("input[name=login]", "mo")
    page.fill("input[name=password]", PASSWORD)
    page.click("form.login-form button[type=submit]")
    page.goto("/forum/")
    assert page.url.endswith("/accounts/2fa/")  # sent to add a second factor first
    screenshot(page, "mfa-required")
    page.goto("/accounts/2fa/totp/activate/")
    secret = page.locator("#authenticator_secret").input_value()
    page.get_by_label("Authenticator code").fill(totp_code(secret))
    page.get_by_role("button", name="Activate").click()
    page.wait_for_url(lambda url: "/totp/activate/" not in url)
    assert Authenticator.objects.filter(user=moderator, type=Authenticator.Type.TOTP).exists()

    sign_out(page)
    page.goto("/accounts/login/")
    page.fill("input[name=login]", "mo")
    page.fill("input[name=password]", PASSWORD)
    page.click("form.login-form button[type=submit]")
    page.wait_for_url("**/accounts/2fa/authenticate/")
    screenshot(page, "mfa-authenticate")
    assert page.locator(".account-nav summary").count() == 0  # the password alone is not enough
    time.sleep(0.1)
    # A code already used (at activation) is refused; wait for the next one if need be.
    code = totp_code(secret)
    page.locator("input[name=code]").fill(code)
    page.get_by_role("button", name="Verify").click()
    if "/2fa/authenticate/" in page.url:
        time.sleep(31 - time.time() % 30)
        page.locator("input[name=code]").fill(totp_code(secret))
        page.get_by_role("button", name="Verify").click()
    page.wait_for_url(lambda url: "/2fa/" not in url)
    page.goto("/forum/")
    assert page.url.endswith("/forum/")
    assert page.locator(".account-nav summary").inner_text() == "mo"
