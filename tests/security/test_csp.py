"""The Content-Security-Policy and Permissions-Policy headers: on every kind of response, strict
(nothing inline, nothing from elsewhere), with img-src following the image allow-list."""

import pytest
from django import forms
from django.core.checks import run_checks
from django.test import Client, override_settings

from markup.widgets import MarkdownEditor

pytestmark = pytest.mark.django_db


def directives(response):
    header = response["Content-Security-Policy"]
    return {part.split()[0]: part.split()[1:] for part in header.split(";") if part.strip()}


def assert_strict(response):
    policy = directives(response)
    assert policy["default-src"] == ["'self'"]
    assert policy["script-src"] == ["'self'"] and policy["style-src"] == ["'self'"]
    assert policy["object-src"] == ["'none'"] and policy["base-uri"] == ["'none'"]
    assert policy["frame-ancestors"] == ["'none'"] and policy["form-action"] == ["'self'"]
    assert "unsafe-inline" not in response["Content-Security-Policy"]
    assert "camera=()" in response["Permissions-Policy"]
    assert "geolocation=()" in response["Permissions-Policy"]


@pytest.mark.parametrize("path, status", [
    ("/", 200), ("/taxonomy/", 200), ("/accounts/login/", 200), ("/forum/", 200),
    ("/taxonomy/no-such-node/", 404), ("/forum/moderation/", 403), ("/taxonomy/a%00b/", 400),
])
def test_every_kind_of_page_carries_the_strict_policy(client, path, status):
    response = client.get(path)
    assert response.status_code == status
    assert_strict(response)


def test_a_server_error_page_carries_the_policy_too(settings):
    from network_societies import urls

    def boom(request):
        raise RuntimeError("boom")

    from django.urls import path

    settings.ROOT_URLCONF = type("U", (), {
        "urlpatterns": [path("boom/", boom)], "handler500": urls.handler500,
    })
    response = Client(raise_request_exception=False).get("/boom/")
    assert response.status_code == 500
    assert_strict(response)
    assert b"Something went wrong" in response.content


def test_images_come_only_from_the_site_unless_a_host_is_allowed(client):
    # data: carries embedded and drawn diagrams (markup/diagrams.py); an image runs no script.
    assert directives(client.get("/"))["img-src"] == ["'self'", "data:"]
    with override_settings(MARKUP_IMAGE_HOSTS=["images.example.org", "*.cdn.example.net"]):
        assert directives(client.get("/"))["img-src"] == [
            "'self'", "data:", "images.example.org", "*.cdn.example.net"]


def test_a_host_that_could_rewrite_the_policy_is_a_system_check_error():
    with override_settings(MARKUP_IMAGE_HOSTS=["ok.example.org", "evil.org; script-src *",
                                               "https://x.org/"]):
        errors = [e for e in run_checks() if e.id == "network_societies.E001"]
        assert len(errors) == 2
        assert directives(Client().get("/"))["img-src"] == ["'self'", "data:", "ok.example.org"]


def test_too_many_query_parameters_get_the_400_page_not_a_crash():
    query = "&".join(f"q{i}=x" for i in range(1_500))
    response = Client(raise_request_exception=False).get(f"/search/?{query}")
    assert response.status_code == 400
    assert b"could not be read" in response.content
    assert_strict(response)


def test_the_editor_declares_its_script_as_form_media():
    class Form(forms.Form):
        body = forms.CharField(widget=MarkdownEditor())

    form = Form()
    assert "<script" not in str(form["body"])
    assert str(form.media) == '<script src="/static/js/editor.js" defer></script>'


@pytest.mark.parametrize("path", ["/forum/n/{node}/new/", "/forum/t/{thread}/"])
def test_forum_composers_load_the_editor_script_once(user_client, path, user):
    from forum import actions
    from taxonomy.models import TaxonomyNode

    root = TaxonomyNode.objects.filter(parent=None).first()  # a module's world may have one
    node = TaxonomyNode.objects.create(name="Composer board", slug="composer-board", parent=root,
                                       path="composer-board")
    thread = actions.start_thread(node=node, author=user, title="Hello", body="First")
    html = user_client.get(path.format(node=node.pk, thread=thread.pk)).content.decode()
    assert html.count('src="/static/js/editor.js"') == 1
