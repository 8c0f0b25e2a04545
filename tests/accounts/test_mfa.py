"""Two factors: TOTP after the password, recovery codes, and the rule that Editors and Moderators
must have a second factor (ACCOUNTS_MFA_REQUIRED)."""

import time

import pytest
from allauth.mfa.models import Authenticator
from allauth.mfa.recovery_codes.internal.auth import RecoveryCodes
from allauth.mfa.totp.internal.auth import TOTP, format_hotp_value, generate_totp_secret, hotp_value
from django.test import override_settings

from tests.conftest import PASSWORD

pytestmark = pytest.mark.django_db

REQUIRED = override_settings(ACCOUNTS_MFA_REQUIRED=["Editors", "Moderators"])


def totp_code(secret):
    return format_hotp_value(hotp_value(secret, int(time.time()) // 30))


def with_totp(user):
    secret = generate_totp_secret()
    TOTP.activate(user, secret)
    return secret


def test_after_the_password_a_person_with_totp_is_asked_for_the_code(client, user):
    secret = with_totp(user)
    response = client.post("/accounts/login/", {"login": "alice", "password": PASSWORD})
    assert response.status_code == 302 and response["Location"] == "/accounts/2fa/authenticate/"
    assert "_auth_user_id" not in client.session  # the password alone does not sign in
    wrong = client.post("/accounts/2fa/authenticate/", {"code": "000000"})
    assert wrong.status_code == 200 and "_auth_user_id" not in client.session
    right = client.post("/accounts/2fa/authenticate/", {"code": totp_code(secret)})
    assert right.status_code == 302
    assert int(client.session["_auth_user_id"]) == user.pk


def test_a_recovery_code_stands_in_for_the_app_once(client, user):
    with_totp(user)
    code = RecoveryCodes.activate(user).get_unused_codes()[0]
    client.post("/accounts/login/", {"login": "alice", "password": PASSWORD})
    client.post("/accounts/2fa/authenticate/", {"code": code})
    assert int(client.session["_auth_user_id"]) == user.pk
    client.post("/accounts/logout/")
    client.post("/accounts/login/", {"login": "alice", "password": PASSWORD})
    client.post("/accounts/2fa/authenticate/", {"code": code})
    assert "_auth_user_id" not in client.session


def test_turning_on_totp_from_the_account_page(client, user):
    # Changing second factors needs the password again (allauth's reauthentication).
    client.force_login(user)
    client.post("/accounts/reauthenticate/", {"password": PASSWORD})
    user_client = client
    page = user_client.get("/accounts/2fa/")
    assert page.status_code == 200
    assert b"Two-factor" in page.content
    activate = user_client.get("/accounts/2fa/totp/activate/")
    assert activate.status_code == 200
    secret = activate.context["form"].secret
    done = user_client.post("/accounts/2fa/totp/activate/", {"code": totp_code(secret)})
    assert done.status_code == 302
    assert Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists()
    # Recovery codes come with the first second factor.
    assert Authenticator.objects.filter(user=user, type=Authenticator.Type.RECOVERY_CODES).exists()


@REQUIRED
@pytest.mark.parametrize("role", ["editor", "moderator"])
def test_editors_and_moderators_without_a_second_factor_are_sent_to_add_one(client, request, role):
    person = request.getfixturevalue(role)
    client.post("/accounts/login/", {"login": person.username, "password": PASSWORD})
    for path in ("/", "/forum/", "/admin/"):
        response = client.get(path)
        assert response.status_code == 302 and response["Location"] == "/accounts/2fa/", path
    assert client.get("/accounts/2fa/totp/activate/").status_code == 200
    assert client.post("/accounts/logout/").status_code == 302


@REQUIRED
def test_with_a_second_factor_they_go_where_they_like(client, moderator):
    with_totp(moderator)
    client.force_login(moderator)
    assert client.get("/forum/").status_code == 200


@REQUIRED
def test_members_are_not_required(user_client):
    assert user_client.get("/forum/").status_code == 200


@REQUIRED
def test_a_moderator_signing_in_with_the_password_is_asked_for_the_code(client, moderator):
    secret = with_totp(moderator)
    response = client.post("/accounts/login/", {"login": "mo", "password": PASSWORD})
    assert response["Location"] == "/accounts/2fa/authenticate/"
    client.post("/accounts/2fa/authenticate/", {"code": totp_code(secret)})
    assert client.get("/forum/").status_code == 200


def test_no_requirement_costs_members_no_query(user_client, django_assert_max_num_queries):
    from accounts.middleware import needs_second_factor
    from tests.conftest import create_user

    alice = create_user("zed")
    with django_assert_max_num_queries(0), override_settings(ACCOUNTS_MFA_REQUIRED=[]):
        assert not needs_second_factor(alice)
