"""Loose ends found in the browser (issue 9, item 6) and empty states that invite (item 5)."""

import re
from io import StringIO

import pytest
from django.core import mail
from django.core.management import call_command
from django.test import override_settings
from django.urls import reverse

from forum import actions
from forum.models import Thread

pytestmark = pytest.mark.django_db


@pytest.fixture
def content(db):
    out = StringIO()
    call_command("load_default_content", stdout=out)
    return out.getvalue()


def test_load_default_content_counts_categories_and_examples(content):
    assert "Taxonomy: 13 categories and 2 examples created." in content
    again = StringIO()
    call_command("load_default_content", stdout=again)
    assert "Taxonomy: 0 categories and 0 examples created." in again.getvalue()


def test_the_home_page_does_not_shout_zero(client, content):
    html = client.get("/").content.decode()
    assert "0 examples" not in html
    assert "1 example<" in html  # Pop-up villages has Chiang Mai


def test_the_home_pages_empty_discussions_link_to_start_one(client, db):
    html = client.get("/").content.decode()
    assert f'<a href="{reverse("forum:choose_board")}">Start the first one</a>' in html


def test_a_thread_someone_else_started_is_new_to_a_member_who_never_opened_it(
        client, make_user, content):
    alice = make_user("alice")
    actions.start_thread(node=Thread.objects.first().node, author=alice, title="Fresh", body="x")
    bob = make_user("bob")  # joined after the thread was started
    client.force_login(bob)
    html = client.get(reverse("forum:index")).content.decode()
    fresh = html[html.index(">Fresh<"):][:400]
    assert "pill--new" in fresh
    client.get(Thread.objects.get(title="Fresh").get_absolute_url())
    html = client.get(reverse("forum:index")).content.decode()
    assert "pill--new" not in html[html.index(">Fresh<"):][:400]


def test_the_site_account_has_an_avatar_of_its_own(client, content):
    html = client.get(Thread.objects.get(author=None).get_absolute_url()).content.decode()
    assert 'class="forum-post__avatar forum-post__avatar--site"' in html
    assert "img/favicon" in html


def test_the_title_has_focus_on_new_page_and_new_thread_forms(client, user, content):
    client.force_login(user)
    editor = client.get(reverse("wiki:edit", args=["brand-new"])).content.decode()
    assert re.search(r'<input[^>]*name="title"[^>]*autofocus', editor)
    root = Thread.objects.first().node
    composer = client.get(reverse("forum:new_thread", args=[root.pk])).content.decode()
    assert re.search(r'<input[^>]*name="title"[^>]*autofocus', composer)


def test_a_red_link_leads_to_an_invitation_not_a_login_form(client, db):
    response = client.get("/somewhere/not-written")
    assert response.status_code == 404
    html = response.content.decode()
    assert "There is no page" in html and "Log in to create this page" in html


@override_settings(ALLOWED_HOSTS=["wiki.example.org"])
def test_account_emails_name_the_address_the_site_runs_at(client, user):
    client.post("/accounts/password/reset/", {"email": "alice@example.org"},
                HTTP_HOST="wiki.example.org")
    body = mail.outbox[-1].body
    assert "wiki.example.org" in body and "127.0.0.1:8000" not in body
    assert "example.com" not in body



