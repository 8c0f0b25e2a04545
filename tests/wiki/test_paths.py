"""Paths as Wiki.js has them: capitals kept, lookups ignoring case, locales, /<locale>/ links."""

import pytest
from django.core.exceptions import ValidationError
from django.test import override_settings

from wiki.editing import move_page, save_page
from wiki.models import Page, PageRedirect

pytestmark = pytest.mark.django_db


def test_a_path_keeps_its_capitals_and_any_character_wiki_js_allows(client, user):
    for path in ("Design/Formulas", "R&D/Budget+Plan", "_drafts/v1.2", "Café/Über uns"):
        page = save_page(path=path, title=path, markdown="x", author=user).page
        assert Page.objects.get(pk=page.pk).path == path
        response = client.get(page.get_absolute_url())
        assert response.status_code == 200, path
        assert f"<h1>{path.replace('&', '&amp;')}</h1>" in response.content.decode()


def test_another_case_redirects_to_the_stored_one(client, user):
    save_page(path="Design/Formulas", title="F", markdown="x", author=user)
    response = client.get("/design/FORMULAS")
    assert response.status_code == 301 and response["Location"] == "/Design/Formulas"


def test_two_paths_differing_only_by_case_are_refused(user):
    save_page(path="Design/Formulas", title="F", markdown="x", author=user)
    with pytest.raises(ValidationError, match="differing only by case"):
        save_page(path="design/formulas", title="f", markdown="y", author=user)
    other = save_page(path="other", title="O", markdown="x", author=user).page
    with pytest.raises(ValidationError, match="already a page"):
        move_page(other, "DESIGN/formulas", by=user)
    assert Page.objects.count() == 2


def test_changing_only_the_case_of_a_path_is_a_move_without_a_redirect(client, user):
    page = save_page(path="design", title="D", markdown="x", author=user).page
    move_page(page, "Design", by=user)
    assert not PageRedirect.objects.exists()
    assert client.get("/design")["Location"] == "/Design"


def test_a_redirect_answers_in_any_case(client, user):
    page = save_page(path="Old/Place", title="P", markdown="x", author=user).page
    move_page(page, "New/Place", by=user)
    assert client.get("/old/place")["Location"] == "/New/Place"


def test_links_written_with_the_default_locale_resolve(client, user):
    save_page(path="Guide/Start", title="Start", markdown="x", author=user)
    source = save_page(
        path="home", title="Home", author=user,
        markdown="[Start](/en/guide/start) and [Missing](/en/guide/missing)\n",
    ).page
    assert set(source.outgoing_links.values_list("target_path", flat=True)) == {
        "guide/start", "guide/missing"}
    body = client.get("/home").content.decode()
    # A red link leads to the missing page itself (markup.links.missing_page_url).
    assert body.count('class="redlink"') == 1 and 'href="/guide/missing" class="redlink"' in body
    assert client.get("/en/Guide/Start")["Location"] == "/Guide/Start"


def test_a_page_in_another_locale_is_a_translation_not_a_collision(client, user):
    english = save_page(path="product/about", title="About", markdown="x", author=user).page
    japanese = save_page(path="ja/product/about", title="概要", markdown="y", author=user).page
    assert (english.locale, japanese.locale) == ("en", "ja")
    body = client.get("/ja/product/about").content.decode()
    assert 'lang="ja"' in body and "Other languages" in body
    assert 'href="/product/about" hreflang="en"' in body
    assert 'hreflang="ja"' in client.get("/product/about").content.decode()


@override_settings(WIKI_DEFAULT_LOCALE="de")
def test_the_default_locale_is_a_setting(client, user):
    page = save_page(path="en/guide", title="Guide", markdown="x", author=user).page
    assert page.locale == "en"
    with pytest.raises(ValidationError, match="default language"):
        save_page(path="de/guide", title="Anleitung", markdown="x", author=user)
    assert client.get("/de/en/guide")["Location"] == "/en/guide"


def test_an_html_page_is_edited_as_html_and_keeps_its_editor(user_client, user):
    save_page(path="visual", title="Visual", markdown="<h2>Hi</h2><p>x</p>", author=None,
              editor="ckeditor")
    form = user_client.get("/wiki/edit/visual").content.decode()
    assert "written in HTML" in form and "&lt;h2&gt;Hi&lt;/h2&gt;" in form
    response = user_client.post("/wiki/edit/visual", {
        "title": "Visual", "markdown": "<h2>Hi</h2><p>edited <b>here</b></p>",
        "base_revision": "1"})
    assert response.status_code == 302
    page = Page.objects.get(path="visual")
    assert page.editor == "ckeditor" and page.current_revision.markup == "html"
    assert "<p>edited <b>here</b></p>" in page.current_revision.html


@pytest.mark.django_db
def test_a_link_in_another_case_is_not_red(client, user):
    """The wiki's link target (wiki/link_targets.py) compares paths as Page.path_key does."""
    save_page(path="design/formulas", title="Formulas", markdown="x", author=user)
    save_page(path="home", title="Home", author=user, markdown="[F](/Design/Formulas)\n")
    assert 'class="redlink"' not in client.get("/home").content.decode()
