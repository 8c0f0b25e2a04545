"""Signing up, logging in and logging out in chromium."""

from django.contrib.auth import get_user_model

from tests.conftest import PASSWORD
from tests.e2e.conftest import PHONE


def test_sign_up(page, transactional_db, screenshot):
    page.goto("/")
    page.get_by_role("link", name="Sign up").click()
    page.wait_for_url("**/accounts/signup/")
    screenshot(page, "signup")
    page.get_by_label("Email").fill("carol@example.org")
    page.get_by_label("Username").fill("carol")
    page.get_by_label("Password", exact=True).fill(PASSWORD)
    page.get_by_label("Password (again)").fill(PASSWORD)
    page.get_by_role("button", name="Create account").click()
    page.wait_for_url(lambda url: "/accounts/signup/" not in url)
    assert page.locator(".account-nav summary").inner_text() == "carol"
    assert get_user_model().objects.filter(username="carol", email="carol@example.org").exists()


def test_sign_up_mistakes_are_explained(page, transactional_db):
    page.goto("/accounts/signup/")
    page.get_by_label("Email").fill("carol@example.org")
    page.get_by_label("Username").fill("carol")
    page.get_by_label("Password", exact=True).fill(PASSWORD)
    page.get_by_label("Password (again)").fill("something else entirely")
    page.get_by_role("button", name="Create account").click()
    assert page.locator(".errorlist").first.is_visible()
    assert not get_user_model().objects.filter(username="carol").exists()


def test_log_in_and_log_out(login, user, screenshot):
    page = login(user)
    assert page.locator(".account-nav summary").inner_text() == "alice"
    page.locator(".account-nav summary").click()
    screenshot(page, "account-menu")
    page.get_by_role("button", name="Log out").click()
    page.wait_for_load_state()
    assert page.get_by_role("link", name="Log in", exact=True).is_visible()
    assert page.locator(".account-nav summary").count() == 0


def test_log_in_with_email_on_a_phone(new_page, user, screenshot):
    page = new_page(viewport=PHONE, dark=True)
    page.goto("/accounts/login/")
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    screenshot(page, "login-phone-dark")
    page.get_by_label("Username or email").fill("alice@example.org")
    page.get_by_label("Password").fill(PASSWORD)
    page.click("form.login-form button[type=submit]")
    page.wait_for_url(lambda url: "/accounts/login/" not in url)
    page.locator(".account-nav summary").click()
    menu = page.locator(".menu__list").bounding_box()
    assert menu["x"] >= 0 and menu["x"] + menu["width"] <= PHONE["width"]


def test_a_wrong_password_is_refused(page, user):
    page.goto("/accounts/login/")
    page.get_by_label("Username or email").fill("alice")
    page.get_by_label("Password").fill("not the password")
    page.click("form.login-form button[type=submit]")
    assert page.locator(".errorlist").first.is_visible()
    assert page.get_by_role("link", name="Log in", exact=True).is_visible()
