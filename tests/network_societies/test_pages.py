"""The home page, the layout every page shares, and the error pages."""

import pytest
from django.core.exceptions import PermissionDenied
from django.test import override_settings
from django.urls import path

from network_societies import urls, views

pytestmark = pytest.mark.django_db


def test_home_page_has_the_layout(client):
    response = client.get("/")
    assert response.status_code == 200
    html = response.content.decode()
    assert '<a class="skip-link" href="#main">' in html
    assert '<main id="main"' in html
    assert 'role="search"' in html
    assert '<nav class="site-nav" aria-label="Main">' in html
    assert "<footer" in html
    assert '<meta name="description" content="Network Societies is a community' in html
    assert 'href="/static/css/site.css"' in html and 'href="/static/css/markup.css"' in html


@pytest.mark.parametrize("label, url_name", [
    ("Taxonomy", "taxonomy:index"), ("Pages", "wiki:page_list"), ("Forum", "forum:index"),
    ("Recent changes", "wiki:recent_changes"),
])
def test_every_main_nav_item_is_in_the_header(client, label, url_name):
    from django.urls import reverse

    header = client.get("/").content.decode().split("</header>")[0]
    assert f'<a href="{reverse(url_name)}">{label}</a>' in header


def test_the_header_search_box_submits_to_search(client):
    from django.urls import reverse

    header = client.get("/").content.decode().split("</header>")[0]
    assert f'action="{reverse("search:search")}"' in header
    assert '<label class="visually-hidden" for="site-search-q">Search</label>' in header


def test_home_page_says_what_the_site_is_and_leads_on(client):
    html = client.get("/").content.decode()
    assert '<h1 id="home-title">' in html
    assert 'href="/network-societies"' in html
    assert 'href="/taxonomy/' in html
    assert 'href="/forum/' in html


def test_logged_in_header_has_the_account_menu(user_client):
    html = user_client.get("/").content.decode()
    assert "<summary>alice</summary>" in html
    assert 'action="/accounts/logout/"' in html
    assert 'href="/u/alice/"' in html


def test_a_malformed_request_gets_the_sites_400(client):
    response = client.get("/taxonomy/a%00b/")
    assert response.status_code == 400
    html = response.content.decode()
    assert '<a class="skip-link" href="#main">' in html
    assert "could not be read" in html and "\x00" not in html


def test_unknown_url_gets_the_sites_404(client):
    # A reserved prefix is never a wiki page, so this is the site's 404, not "create this page".
    response = client.get("/notifications/no/such/page/", follow=True)
    assert response.status_code == 404
    html = response.content.decode()
    assert "Nothing here" in html
    assert '<a class="skip-link" href="#main">' in html


def refuse(request):
    raise PermissionDenied("Only Moderators can hide posts.")


def crash(request):
    raise RuntimeError("boom")


# The site's own URLs plus two that fail, so the error pages render with the real header.
urlpatterns = [path("refuse/", refuse), path("crash/", crash), *urls.urlpatterns]
handler403 = views.permission_denied
handler500 = views.server_error


@override_settings(ROOT_URLCONF=__name__)
def test_permission_denied_gets_the_sites_403_with_the_reason(client):
    response = client.get("/refuse/")
    assert response.status_code == 403
    html = response.content.decode()
    assert "Only Moderators can hide posts." in html
    assert '<a class="skip-link" href="#main">' in html


@override_settings(ROOT_URLCONF=__name__)
def test_server_error_page_renders_in_our_look(client):
    client.raise_request_exception = False
    response = client.get("/crash/")
    assert response.status_code == 500
    html = response.content.decode()
    assert "Something went wrong" in html
    assert 'href="/static/css/site.css"' in html


def test_server_error_page_needs_no_database(rf, django_assert_num_queries):
    with django_assert_num_queries(0):
        response = views.server_error(rf.get("/"))
    assert response.status_code == 500
