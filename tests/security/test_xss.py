"""Stored and reflected XSS beyond the page sweep (test_get_is_safe): the screens only a POST
reaches (preview, conflict, forms with errors), links people type, and a lint of every template
and module for the ways escaping can be switched off."""

import re
from pathlib import Path

import pytest
from django.conf import settings

from wiki.models import Page

from .checks import executable, response_problems
from .conftest import HOSTILE, IMG, JS_URL, SCRIPT
from .routes import url

ROOT = Path(settings.BASE_DIR)
APPS = ["accounts", "forum", "markup", "network_societies", "notifications", "proposals",
        "search", "taxonomy", "wiki", "templates"]
# What may pass through |safe: sanitiser output (render_markdown(...).html, or HTML stored from it).
# Stored HTML is shown through markup.StoredMarkup.current_html().
SANITISED = {"html", "rendered.html", "widget.preview_html", "post.current_html",
             "revision.current_html", "flag.post.current_html", "example.current_html",
             "node.current_html", "root.current_html", "concept.current_html",
             "article.html"}

# Modules that build HTML in Python, reviewed: search snippets escape the text before adding
# <mark> tags; the taxonomy rows pass every value through html.escape (rendering.html_format).
# A new one needs the same review, and its pages a place in the sweep.
REVIEWED_SAFE_BUILDERS = {"search/snippets.py", "taxonomy/rendering.py"}


def test_the_checker_catches_each_payload():
    """The control for every XSS assertion: raw payloads are caught, escaped ones are not."""
    assert executable(SCRIPT)
    assert executable(f'<a title="{IMG}">')  # breaks out of the attribute
    assert executable(f'<a href="{JS_URL}">x</a>')
    assert executable(f'<a href=" {JS_URL.upper()}">x</a>')
    from django.utils.html import escape

    assert executable(escape(HOSTILE)) == []
    assert executable(f'<a title="{escape(IMG)}" href="/{escape(JS_URL)}">x</a>') == []


def test_only_sanitiser_output_goes_through_safe():
    for path in ROOT.glob("*/templates/**/*.html"):
        if path.parts[len(ROOT.parts)] not in APPS:
            continue
        text = path.read_text()
        assert "autoescape off" not in text, path
        assert "escapejs" not in text, path  # no user data in inline scripts at all
        for expression in re.findall(r"\{\{\s*([\w.]+)\s*\|\s*safe", text):
            assert expression in SANITISED, f"{path}: {expression}|safe"
    for path in ROOT.glob("*/**/*.py"):
        if path.parts[len(ROOT.parts)] not in APPS or "migrations" in path.parts:
            continue
        text = path.read_text()
        if "mark_safe(" in text or "SafeString(" in text:
            assert path.relative_to(ROOT).as_posix() in REVIEWED_SAFE_BUILDERS, path


def test_preview_of_hostile_markdown_is_inert(world, user_client):
    client = user_client
    markdown = f"{HOSTILE}\n\n[a]({JS_URL}) <a href=\"{JS_URL}\">b</a> <svg onload=alert('xss')>"
    response = client.post(url("markup:preview", world), {"text": markdown})
    assert response.status_code == 200
    assert response_problems(response) == []


def test_conflict_screen_escapes_both_sides(world, make_user, client):
    page = Page.objects.get(pk=world["page"].pk)
    client.force_login(make_user("stranger"))
    # Based on revision 1 while revision 2 changed the same lines: a conflict.
    response = client.post(url("wiki:edit", world), {
        "title": f"Mine {HOSTILE}", "markdown": f"Mine {HOSTILE}\n\n{IMG}\n", "summary": HOSTILE,
        "tags": "x", "base_revision": 1, "description": HOSTILE, "published": "on",
    })
    assert response.status_code in (200, 409)
    assert "&lt;script&gt;" in response.content.decode()
    assert response_problems(response) == []
    assert Page.objects.get(pk=page.pk).current_revision_id == page.current_revision_id


@pytest.mark.parametrize("name, data", [
    ("wiki:edit", {"title": "", "markdown": HOSTILE, "summary": HOSTILE, "tags": HOSTILE}),
    ("wiki:move", {"new_path": HOSTILE}),
    ("forum:new_thread", {"title": "", "body": HOSTILE}),
    ("taxonomy:node_add", {"name": HOSTILE, "slug": HOSTILE, "page_path": JS_URL}),
    ("taxonomy:example_add", {"name": HOSTILE, "slug": HOSTILE, "website": JS_URL}),
    ("accounts:settings", {"bio": HOSTILE * 100}),
])
def test_forms_with_errors_echo_input_escaped(world, make_user, client, name, data):
    client.force_login(make_user("boss", "Editors", "Moderators"))
    response = client.post(url(name, world), data)
    assert response.status_code in (200, 400)
    assert "errorlist" in response.content.decode()
    assert response_problems(response) == []


@pytest.mark.parametrize("field, value", [("website", JS_URL), ("website", "data:text/html,x"),
                                          ("page_path", JS_URL)])
def test_typed_links_cannot_be_scripts(world, make_user, client, field, value):
    """An example's website and a linked page path end up in href: no script scheme gets in."""
    from .routes import _example_form

    client.force_login(make_user("boss", "Editors", "Moderators"))
    response = client.post(url("taxonomy:example_edit", world),
                           _example_form(world, **{field: value}))
    assert response.status_code == 200 and "errorlist" in response.content.decode()
    assert response_problems(client.get(url("taxonomy:example", world))) == []


@pytest.mark.parametrize("markdown", [
    "[a](/\\evil.example)", "[a](//evil.example)", '<a href="\\/evil.example">a</a>',
    '<a href="/&#9;/evil.example">a</a>', '<a href="/&#92;evil.example">a</a>',
    '<a href="/\n/evil.example">a</a>',
])
def test_links_that_leave_the_site_are_marked_external(markdown):
    """Browsers read "/\\host" and "/<tab>/host" as "//host": another site, so the link gets
    rel="nofollow noopener noreferrer" and is not recorded as a link to a page."""
    from markup import render_markdown

    rendered = render_markdown(markdown)
    assert 'rel="nofollow noopener noreferrer"' in rendered.html, rendered.html
    assert rendered.links == []
