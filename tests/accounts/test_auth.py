"""Signing up, logging in and out, and what allauth must never reveal."""

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.contrib.sites.models import Site
from django.core import mail
from django.test import override_settings

from tests.conftest import PASSWORD

pytestmark = pytest.mark.django_db


def signup(client, username="carol", email="carol@example.org"):
    return client.post("/accounts/signup/", {
        "username": username, "email": email, "password1": PASSWORD, "password2": PASSWORD,
    })


def test_sign_up_creates_an_account_and_logs_in(client):
    response = signup(client)
    assert response.status_code == 302
    assert response["Location"] == "/"
    user = get_user_model().objects.get(username="carol")
    assert user.email == "carol@example.org"
    assert int(client.session["_auth_user_id"]) == user.pk
    assert user.password.startswith("md5$")  # tests hash fast; production is Argon2 (settings)


def test_sign_up_with_a_bad_form_says_why_and_creates_nobody(client):
    response = client.post("/accounts/signup/", {
        "username": "carol", "email": "not-an-email", "password1": "x", "password2": "y"})
    assert response.status_code == 200
    assert b'class="errorlist' in response.content
    assert not get_user_model().objects.filter(username="carol").exists()


def test_reserved_usernames_are_refused(client):
    signup(client, username="admin", email="a@example.org")
    assert not get_user_model().objects.filter(username="admin").exists()


@pytest.mark.parametrize("login", ["alice", "alice@example.org"])
def test_log_in_with_username_or_email(client, user, login):
    response = client.post("/accounts/login/", {"login": login, "password": PASSWORD})
    assert response.status_code == 302
    assert int(client.session["_auth_user_id"]) == user.pk


def test_log_out_is_a_post(user_client):
    page = user_client.get("/accounts/logout/")
    assert page.status_code == 200  # a confirmation page, not a logout
    assert "_auth_user_id" in user_client.session
    response = user_client.post("/accounts/logout/")
    assert response.status_code == 302
    assert "_auth_user_id" not in user_client.session


def test_a_wrong_password_and_an_unknown_user_get_the_same_answer(client, user):
    wrong_password = client.post("/accounts/login/", {"login": "alice", "password": "nope-nope"})
    unknown_user = client.post("/accounts/login/", {"login": "zed", "password": "nope-nope"})
    assert wrong_password.status_code == unknown_user.status_code == 200
    assert (wrong_password.context["form"].non_field_errors()
            == unknown_user.context["form"].non_field_errors())


def test_password_reset_does_not_reveal_which_emails_have_accounts(client, user):
    known = client.post("/accounts/password/reset/", {"email": "alice@example.org"})
    unknown = client.post("/accounts/password/reset/", {"email": "nobody@example.org"})
    assert known.status_code == unknown.status_code == 302
    assert known["Location"] == unknown["Location"]


@override_settings(ACCOUNT_EMAIL_VERIFICATION="mandatory")
def test_signing_up_with_a_taken_email_does_not_reveal_the_account(client, user):
    response = signup(client, username="carol2", email="alice@example.org")
    assert response.status_code == 302
    assert response["Location"] == "/accounts/confirm-email/"
    assert not get_user_model().objects.filter(username="carol2").exists()
    # The owner of the address hears about it instead of the person signing up.
    assert [m.to for m in mail.outbox] == [["alice@example.org"]]


@override_settings(ACCOUNT_EMAIL_VERIFICATION="mandatory")
def test_with_mandatory_verification_an_unverified_account_cannot_log_in(client):
    response = signup(client)
    assert response["Location"] == "/accounts/confirm-email/"
    assert "_auth_user_id" not in client.session
    login = client.post("/accounts/login/", {"login": "carol", "password": PASSWORD})
    assert login["Location"] == "/accounts/confirm-email/"
    assert "_auth_user_id" not in client.session
    assert "confirm" in mail.outbox[-1].body.lower()


def test_password_change(user_client, user):
    response = user_client.post("/accounts/password/change/", {
        "oldpassword": PASSWORD, "password1": "a new and long passphrase", "password2":
        "a new and long passphrase"})
    assert response.status_code == 302
    user.refresh_from_db()
    assert user.check_password("a new and long passphrase")


def test_the_roles_and_the_site_name_come_from_migrations():
    assert set(Group.objects.values_list("name", flat=True)) >= {"Editors", "Moderators"}
    assert Site.objects.get_current().name == "Network Societies"


@pytest.mark.django_db(transaction=True)
def test_groups_and_site_name_survive_a_flush():
    # Transactional tests flush every table between tests; post_migrate puts the rows back.
    from django.core.management import call_command

    call_command("flush", "--noinput", verbosity=0)
    assert set(Group.objects.values_list("name", flat=True)) >= {"Editors", "Moderators"}
    Site.objects.clear_cache()
    assert Site.objects.get_current().name == "Network Societies"


def test_repeated_failed_logins_are_rate_limited(client, user):
    for _ in range(5):
        client.post("/accounts/login/", {"login": "alice", "password": "guess-guess"})
    # Even the right password is refused now: the limit is per account, not per guess.
    response = client.post("/accounts/login/", {"login": "alice", "password": PASSWORD})
    assert "_auth_user_id" not in client.session
    assert "Too many failed login attempts" in response.content.decode()


@pytest.mark.parametrize("username", [".", "..", "..."])
def test_usernames_that_are_not_safe_path_segments_are_refused_with_a_message(client, username):
    response = signup(client, username=username, email="dots@example.org")
    assert response.status_code == 200
    assert "A username needs at least one letter or digit" in response.content.decode()
    assert not get_user_model().objects.filter(email="dots@example.org").exists()


def test_a_username_with_dots_and_letters_is_fine(client):
    assert signup(client, username="a.b", email="ab@example.org").status_code == 302
    assert client.get("/u/a.b/").status_code == 200
