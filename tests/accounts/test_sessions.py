"""Sessions: listed with their device and last activity, ended one by one or all at once, all
others ended by a password change; a sign-in from a new browser is emailed."""

import time

import pytest
from allauth.usersessions.models import UserSession
from django.core import mail
from django.test import Client

from accounts import signins
from accounts.signins import describe
from tests.conftest import PASSWORD

pytestmark = pytest.mark.django_db

FIREFOX = "Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:128.0) Gecko/20100101 Firefox/128.0"
IPHONE = ("Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 "
          "(KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1")
EDGE = ("Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) "
        "Chrome/126.0.0.0 Safari/537.36 Edg/126.0.0.0")


def signed_in(user, user_agent=FIREFOX):
    client = Client(HTTP_USER_AGENT=user_agent)
    response = client.post("/accounts/login/", {"login": user.username, "password": PASSWORD})
    assert response.status_code == 302
    return client


@pytest.mark.parametrize("agent, device", [
    (FIREFOX, "Firefox on Windows"), (IPHONE, "Safari on iOS"), (EDGE, "Edge on Windows"),
    ("Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 Chrome/126.0 Safari/537.36",
     "Chrome on Linux"),
    ("curl/8.0", "Unknown browser"), ("", "Unknown browser"),
])
def test_devices_are_described_in_plain_words(agent, device):
    assert describe(agent) == device


def test_the_sessions_page_lists_each_with_its_device(user):
    phone = signed_in(user, IPHONE)
    desk = signed_in(user, FIREFOX)
    page = desk.get("/accounts/sessions/").content.decode()
    assert "Safari on iOS" in page and "Firefox on Windows" in page
    assert "This browser" in page and page.count("End session") == 1
    assert phone.get("/accounts/settings/").status_code == 200


def test_ending_one_session_signs_that_browser_out(user, other_user):
    phone = signed_in(user, IPHONE)
    desk = signed_in(user, FIREFOX)
    theirs = signed_in(other_user, EDGE)
    phone_session = UserSession.objects.get(user=user, user_agent=IPHONE)
    # Nobody ends someone else's session.
    theirs.post("/accounts/sessions/end/", {"session": phone_session.pk})
    assert phone.get("/accounts/settings/").status_code == 200
    desk.post("/accounts/sessions/end/", {"session": phone_session.pk})
    assert phone.get("/accounts/settings/").status_code == 302  # signed out
    assert desk.get("/accounts/settings/").status_code == 200


def test_sign_out_everywhere_else(user):
    others = [signed_in(user, agent) for agent in (IPHONE, EDGE)]
    desk = signed_in(user, FIREFOX)
    desk.post("/accounts/sessions/end/", {"others": "1"})
    assert all(c.get("/accounts/settings/").status_code == 302 for c in others)
    assert desk.get("/accounts/settings/").status_code == 200
    assert UserSession.objects.filter(user=user).count() == 1


def test_changing_the_password_signs_out_everywhere_else(user):
    phone = signed_in(user, IPHONE)
    desk = signed_in(user, FIREFOX)
    new = "another long passphrase 42"
    response = desk.post("/accounts/password/change/", {
        "oldpassword": PASSWORD, "password1": new, "password2": new})
    assert response.status_code == 302
    assert phone.get("/accounts/settings/").status_code == 302
    assert desk.get("/accounts/settings/").status_code == 200
    assert UserSession.objects.filter(user=user).count() == 1


def test_a_sign_in_from_a_new_browser_is_emailed(user, settings):
    signed_in(user, FIREFOX)
    assert not [m for m in mail.outbox if "New sign-in" in m.subject]  # the first one is not
    signed_in(user, FIREFOX)
    assert not [m for m in mail.outbox if "New sign-in" in m.subject]  # nor a known browser
    signed_in(user, IPHONE)
    sent = [m for m in mail.outbox if "New sign-in" in m.subject]
    assert len(sent) == 1 and sent[0].to == ["alice@example.org"]
    assert "Safari on iOS" in sent[0].subject and "/accounts/sessions/" in sent[0].body
    settings.ACCOUNTS_NEW_DEVICE_EMAIL = False
    signed_in(user, EDGE)
    assert len([m for m in mail.outbox if "New sign-in" in m.subject]) == 1


def test_last_seen_is_refreshed_every_few_minutes_not_every_request(user):
    desk = signed_in(user, FIREFOX)
    row = UserSession.objects.get(user=user)
    session = desk.session
    session[signins.SEEN_KEY] = int(time.time()) - signins.SEEN_EVERY - 1
    session.save()
    UserSession.objects.filter(pk=row.pk).update(last_seen_at=row.created_at.replace(year=2020))
    desk.get("/accounts/settings/")
    assert UserSession.objects.get(pk=row.pk).last_seen_at.year != 2020
    UserSession.objects.filter(pk=row.pk).update(last_seen_at=row.created_at.replace(year=2020))
    desk.get("/accounts/settings/")
    assert UserSession.objects.get(pk=row.pk).last_seen_at.year == 2020  # within the interval
