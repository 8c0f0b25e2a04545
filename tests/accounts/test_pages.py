"""Every account page renders in the site's layout; profiles and settings."""

import pytest
from django.contrib.auth.models import Group
from django.test import override_settings

pytestmark = pytest.mark.django_db

LAYOUT_MARKERS = [
    '<a class="skip-link" href="#main">', 'class="site-header"', "· Network Societies</title>",
    '<meta name="description" content="',
]


def assert_in_our_layout(response, status=200):
    assert response.status_code == status
    html = response.content.decode()
    for marker in LAYOUT_MARKERS:
        assert marker in html
    return html


@pytest.mark.parametrize("url, text", [
    ("/accounts/login/", "Username or email"),
    ("/accounts/signup/", "Create account"),
    ("/accounts/password/reset/", "Send me a reset link"),
    ("/accounts/password/reset/done/", "Check your email"),
    ("/accounts/password/reset/key/zz-not-a-key/", "This link no longer works"),
    ("/accounts/confirm-email/", "Confirm your email address"),
    ("/accounts/confirm-email/not-a-key/", "expired or is invalid"),
    ("/accounts/inactive/", "This account is inactive"),
])
def test_entrance_pages_render_in_our_layout(client, url, text):
    html = assert_in_our_layout(client.get(url, follow=True))
    assert text in html


def test_login_links_to_signup_and_reset_and_has_the_form_the_browser_tests_use(client):
    html = assert_in_our_layout(client.get("/accounts/login/"))
    assert 'class="form card login-form"' in html
    assert 'href="/accounts/signup/"' in html
    assert 'href="/accounts/password/reset/"' in html
    assert '<label for="id_login">Username or email</label>' in html


def test_signup_links_to_login(client):
    assert 'href="/accounts/login/"' in assert_in_our_layout(client.get("/accounts/signup/"))


@pytest.mark.parametrize("url, text", [
    ("/accounts/logout/", "Log out of Network Societies"),
    ("/accounts/email/", "alice@example.org"),
    ("/accounts/password/change/", "Change password"),
    ("/accounts/settings/", "Save settings"),
    ("/accounts/reauthenticate/", "Confirm"),
])
def test_account_pages_render_in_our_layout(user_client, url, text):
    html = assert_in_our_layout(user_client.get(url))
    assert text in html
    assert 'aria-label="Your account"' in html or url in ("/accounts/logout/",
                                                         "/accounts/reauthenticate/")


def test_set_password_page_for_an_account_without_one(client, user):
    user.set_unusable_password()
    user.save()
    client.force_login(user)
    assert "Set a password" in assert_in_our_layout(client.get("/accounts/password/set/"))


@override_settings(ACCOUNT_ALLOW_SIGNUP=False)
def test_signup_can_be_closed(client):
    assert "Sign-up is closed" in assert_in_our_layout(client.get("/accounts/signup/"))


def test_account_pages_need_a_login(client):
    for url in ["/accounts/settings/", "/accounts/email/", "/accounts/password/change/"]:
        response = client.get(url)
        assert response.status_code == 302
        assert response["Location"].startswith("/accounts/login/?next=")


def test_settings_are_saved_by_post_only(user_client, user):
    user_client.get("/accounts/settings/?bio=sneaky")
    response = user_client.post("/accounts/settings/", {"bio": "I build pop-up villages."})
    assert response.status_code == 302
    user.profile.refresh_from_db()
    assert user.profile.bio == "I build pop-up villages."
    assert user.profile.email_notifications is False  # an unticked box means off


def test_settings_refuse_a_too_long_bio_with_a_message(user_client, user):
    response = user_client.post(
        "/accounts/settings/", {"bio": "x" * 2001, "email_notifications": "on"})
    assert response.status_code == 200
    assert b'class="errorlist' in response.content


def test_profile_page(client, editor):
    html = assert_in_our_layout(client.get("/u/edna/"))
    assert "<h1>edna</h1>" in html
    assert "Editor" in html


def test_profile_escapes_the_bio(client, user):
    from accounts.models import Profile

    Profile.objects.create(user=user, bio="<script>alert(1)</script>")
    html = client.get("/u/alice/").content.decode()
    assert "<script>alert(1)</script>" not in html
    assert "&lt;script&gt;" in html


def test_profile_of_an_unknown_or_inactive_person_is_404(client, make_user):
    make_user("gone", is_active=False)
    assert client.get("/u/nobody/").status_code == 404
    assert client.get("/u/gone/").status_code == 404


def test_profile_queries_are_bounded(client, make_user, django_assert_max_num_queries):
    person = make_user("busy")
    with django_assert_max_num_queries(25) as small:
        client.get("/u/busy/")
    for n in range(10):
        make_user(f"other{n}")
    person.groups.add(*Group.objects.all())
    with django_assert_max_num_queries(len(small.captured_queries)):
        client.get("/u/busy/")
