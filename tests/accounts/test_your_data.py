"""A person's data: the archive holds each kind of contribution; deleting the account erases
personal data, keeps the wiki's history readable and ends every session. Both need a recent
sign-in."""

import json

import pytest
from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from allauth.mfa.recovery_codes.internal.auth import RecoveryCodes
from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret
from allauth.socialaccount.models import SocialAccount
from django.contrib.auth import get_user_model
from django.test import Client

from accounts.models import Profile
from forum.models import Post, ThreadSubscription
from notifications.models import Notification
from notifications.service import notify
from proposals import services as proposals
from proposals.models import Kind, Vote
from tests.conftest import PASSWORD
from wiki.editing import save_page
from wiki.models import Revision, Watch

pytestmark = pytest.mark.django_db


@pytest.fixture
def active_person(user, other_user, make_thread, tree, settings, ingest_bytes):
    """alice, with something of every kind."""
    settings.TRUST_REQUIRED_LEVELS = {**settings.TRUST_REQUIRED_LEVELS, "vote": "new"}
    Profile.objects.create(user=user, bio="I build pop-up villages.")
    EmailAddress.objects.create(user=user, email=user.email, verified=True, primary=True)
    SocialAccount.objects.create(user=user, provider="github", uid="4242")
    TOTP.activate(user, generate_totp_secret())
    RecoveryCodes.activate(user)
    thread = make_thread(title="Where to start", body="My first post", author=user)
    save_page(path="guides/visas", title="Visas", markdown="Visa rules by country.",
              author=user, summary="First draft")
    proposal = proposals.open_proposal(kind=Kind.RETIRE_NODE, data={"node": tree["large/nations"]},
                                       proposer=other_user, reason="Out of scope")
    proposals.cast_vote(proposal_id=proposal.pk, voter=user, position="agree", reason="Agreed")
    ingest_bytes(b"just some notes\n", name="notes.txt", user=user, description="My notes")
    notify([user], actor=other_user, verb="replied", text="bob replied",
           url=thread.get_absolute_url())
    return user


def signed_in(user, user_agent="Mozilla/5.0 (X11; Linux x86_64) Firefox/128.0"):
    client = Client(HTTP_USER_AGENT=user_agent)
    response = client.post("/accounts/login/", {"login": user.username, "password": PASSWORD})
    assert response.status_code == 302
    if response["Location"] == "/accounts/2fa/authenticate/":
        # A recovery code each time: a TOTP code is refused a second time within its 30 s.
        codes = RecoveryCodes(Authenticator.objects.get(user=user, type="recovery_codes"))
        code = codes.get_unused_codes()[0]
        assert client.post(response["Location"], {"code": code}).status_code == 302
    return client


def test_the_data_needs_a_recent_sign_in(client, user):
    client.force_login(user)  # a sign-in long ago, as far as allauth knows
    response = client.get("/accounts/data/download/")
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/reauthenticate/")
    client.post("/accounts/reauthenticate/", {"password": PASSWORD})
    assert client.get("/accounts/data/download/").status_code == 200


def test_the_archive_holds_every_kind_of_contribution(active_person):
    client = signed_in(active_person)
    response = client.get("/accounts/data/download/")
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith('attachment; filename="alice-')
    archive = json.loads(response.content)
    account = archive["account"]
    assert account["username"] == "alice" and account["bio"] == "I build pop-up villages."
    assert account["email_addresses"][0]["email"] == "alice@example.org"
    assert account["linked_accounts"][0]["uid"] == "4242"
    assert {f["type"] for f in account["second_factors"]} == {"totp", "recovery_codes"}
    assert "secret" not in json.dumps(account["second_factors"])
    assert account["sessions"][0]["device"] == "Firefox on Linux"
    assert archive["wiki"]["revisions"][0]["markdown"] == "Visa rules by country."
    assert archive["wiki"]["pages_created"][0]["path"] == "guides/visas"
    assert archive["wiki"]["watching_pages"] == ["guides/visas"]
    assert archive["forum"]["posts"][0]["body"] == "My first post"
    assert archive["forum"]["watching_threads"] == ["Where to start"]
    assert archive["proposals"]["votes"][0]["position"] == "agree"
    assert archive["notifications"][0]["text"] == "bob replied"
    assert archive["trust"]["level"] == "New"
    assert archive["files"][0]["description"] == "My notes"


def test_deleting_erases_personal_data_and_keeps_history(active_person, client):
    person = active_person
    elsewhere = signed_in(person, "Mozilla/5.0 (iPhone; CPU iPhone OS 17_0) Safari/604.1")
    browser = signed_in(person)
    wrong = browser.post("/accounts/data/delete/", {"username": "bob"})
    assert wrong.status_code == 400 and get_user_model().objects.get(pk=person.pk).is_active
    response = browser.post("/accounts/data/delete/", {"username": "alice"})
    assert response.status_code == 302
    person.refresh_from_db()
    assert person.username == f"former-member-{person.pk}"
    assert (person.email, person.is_active, person.has_usable_password()) == ("", False, False)
    for model in (EmailAddress, SocialAccount, Authenticator, Profile):
        assert not model.objects.filter(user=person).exists(), model
    assert not Notification.objects.filter(recipient=person).exists()
    assert not Watch.objects.filter(user=person).exists()
    assert not ThreadSubscription.objects.filter(user=person).exists()
    # Contributions stay, under the former member.
    assert Post.objects.get(author=person).body == "My first post"
    assert Vote.objects.get(voter=person).position == "agree"
    history = Client().get("/wiki/history/guides/visas")
    assert history.status_code == 200 and f"former-member-{person.pk}" in history.content.decode()
    assert Client().get("/guides/visas").status_code == 200
    # Every session ended, here and elsewhere; the profile is gone.
    for session in (browser, elsewhere):
        assert "_auth_user_id" not in session.session
        assert session.get("/accounts/settings/").status_code == 302
    assert Client().get(f"/u/former-member-{person.pk}/").status_code == 404
    login = Client().post("/accounts/login/", {"login": "alice", "password": PASSWORD})
    assert login.status_code == 200  # refused


def test_deleting_can_remove_forum_posts(active_person):
    browser = signed_in(active_person)
    browser.post("/accounts/data/delete/", {"username": "alice", "remove_posts": "on"})
    post = Post.objects.get(author=active_person)
    assert post.deleted_at is not None and post.body == ""
    assert Revision.objects.get().author == active_person  # page edits stay (the licence)


def test_deleting_needs_a_recent_sign_in_and_a_post(client, user):
    client.force_login(user)
    assert client.get("/accounts/data/delete/").status_code == 405
    response = client.post("/accounts/data/delete/", {"username": "alice"})
    assert response.status_code == 302 and "/reauthenticate/" in response["Location"]
    assert get_user_model().objects.get(pk=user.pk).is_active


def test_the_data_page_shows_both(user_client):
    page = user_client.get("/accounts/data/").content.decode()
    assert "Download my data" in page and "Delete my account" in page


def test_nobody_signs_up_as_a_former_member(client):
    client.post("/accounts/signup/", {"username": "former-member-7", "email": "x@example.org",
                                      "password1": PASSWORD, "password2": PASSWORD})
    assert not get_user_model().objects.filter(username="former-member-7").exists()
