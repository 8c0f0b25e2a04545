"""The live preview endpoint: POST only, CSRF, signed-in only, size-limited, never a 500."""

import pytest
from django.test import Client
from django.urls import reverse

from .test_markup_hostile import assert_safe_html

URL = "/markup/preview/"


def test_url_name():
    assert reverse("markup:preview") == URL


def test_renders_the_posted_markdown_as_a_sanitised_fragment(user_client):
    response = user_client.post(URL, {"text": "# Hi\n\n**bold** <script>alert(1)</script>"})
    assert response.status_code == 200
    html = response.content.decode()
    assert '<h2 id="hi">' in html and "<strong>bold</strong>" in html
    assert "<html" not in html  # a fragment, not a page
    assert_safe_html(html)


def test_empty_text_gets_a_friendly_placeholder(user_client):
    response = user_client.post(URL, {"text": "   "})
    assert response.status_code == 200 and "Nothing to preview yet" in response.content.decode()


def test_anonymous_people_are_refused(client):
    assert client.post(URL, {"text": "x"}).status_code == 403


def test_get_is_not_allowed(user_client):
    assert user_client.get(URL).status_code == 405


@pytest.mark.django_db
def test_csrf_is_required(user):
    client = Client(enforce_csrf_checks=True)
    client.force_login(user)
    assert client.post(URL, {"text": "x"}).status_code == 403
    client.get("/accounts/settings/")  # a page with a form sets the CSRF cookie
    token = client.cookies["csrftoken"].value
    response = client.post(URL, {"text": "*x*"}, HTTP_X_CSRFTOKEN=token)
    assert response.status_code == 200 and "<em>x</em>" in response.content.decode()


def test_too_long_text_gets_413_and_a_message(user_client, settings):
    settings.WIKI_MAX_BODY_CHARS = 100
    response = user_client.post(URL, {"text": "x" * 101})
    assert response.status_code == 413
    assert "too long to preview" in response.content.decode()
    assert "100 characters" in response.content.decode()
    assert user_client.post(URL, {"text": "x" * 100}).status_code == 200


def test_a_body_over_djangos_upload_limit_is_a_413_not_a_500(user_client, settings):
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 1000
    response = user_client.post(URL, {"text": "x" * 5000})
    assert response.status_code == 413


@pytest.mark.parametrize("text", ["\x00\x01\x02\x03", "[" * 3000, ">" * 3000, "\ud7ff" * 10,
                                  "<a" * 2000, "```\n" * 100, "[[]]|[[|]]"])
def test_never_a_server_error(user_client, text):
    assert user_client.post(URL, {"text": text}).status_code == 200


def test_wikilinks_resolve_titles_of_existing_pages(user_client, user):
    from wiki.editing import save_page

    save_page(path="network-states/overview", title="Network States", markdown="x", author=user)
    html = user_client.post(URL, {"text": "[[Network States]] [[Nowhere Yet]]"}).content.decode()
    assert '<a href="/network-states/overview">Network States</a>' in html
    assert '<a href="/nowhere-yet" class="redlink"' in html


def test_mentions_only_when_the_composer_asks(user_client, other_user):
    plain = user_client.post(URL, {"text": "hi @bob @nobody"}).content.decode()
    assert 'class="mention"' not in plain
    html = user_client.post(URL, {"text": "hi @bob @nobody", "mentions": "1"}).content.decode()
    assert '<a class="mention" href="/u/bob/">@bob</a>' in html and "@nobody" in html


def test_preview_queries_are_bounded(user_client, django_assert_max_num_queries):
    text = " ".join(f"[[Title {i}]] @user{i}" for i in range(50))
    # Session and user, the person's groups (for the rate limit); names: categories and examples,
    # their former names, page titles; usernames; missing paths: pages, then concepts.
    # Whatever the count.
    with django_assert_max_num_queries(10):
        user_client.post(URL, {"text": text, "mentions": "1"})


def test_links_to_missing_pages_are_red_in_the_preview_as_on_the_page(user_client, user):
    from wiki.editing import save_page

    save_page(path="hubs", title="Hubs", markdown="x", author=user)
    html = user_client.post(URL, {"text": "[a](/hubs) [b](/pop-ups) [[Hubs]]"}).content.decode()
    assert '<a href="/hubs">a</a>' in html
    assert 'href="/pop-ups" class="redlink"' in html
    assert html.count("redlink") == 1


def test_previews_are_rate_limited_like_posting(user_client, settings):
    settings.NS_RATE_LIMITS = {**settings.NS_RATE_LIMITS,
                                  "preview": {"default": "2/60", "new_account": "2/60"}}
    assert [user_client.post(URL, {"text": "x"}).status_code for _ in range(2)] == [200, 200]
    response = user_client.post(URL, {"text": "x"})
    assert response.status_code == 429
    assert 0 < int(response["Retry-After"]) <= 120  # a sliding window: at most two windows
    assert "The preview is paused" in response.content.decode()


def test_moderators_previews_are_not_limited(client, moderator, settings):
    settings.NS_RATE_LIMITS = {**settings.NS_RATE_LIMITS,
                                  "preview": {"default": "1/60", "new_account": "1/60"}}
    client.force_login(moderator)
    assert {client.post(URL, {"text": "x"}).status_code for _ in range(3)} == {200}


def test_the_heaviest_bodies_preview_within_the_budget(user_client):
    # "# h" x 50,000 used to take the worker down; now past the budget it shows as written.
    response = user_client.post(URL, {"text": "# h\n" * 50_000})
    assert response.status_code == 200
    html = response.content.decode()
    assert "markup-as-written" in html and html.count("<h2") < 1_000
