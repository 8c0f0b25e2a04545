"""Odd and hostile input: NUL bytes, megabyte fields, invalid UTF-8 in paths, huge and negative
numbers, open redirects and header injection. Always a clear 4xx or a form error, never a server
error, and nothing stored is lost."""

from urllib.parse import quote

import pytest
from django.test import Client
from django.utils.http import url_has_allowed_host_and_scheme
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from forum.models import Post
from wiki.models import Page

from .checks import capture, writes
from .routes import ROUTES, url

GET_ROUTES = sorted(name for name, route in ROUTES.items() if route.get)
PARAMS = ["page", "q", "from", "to", "parent", "node", "quote", "person", "tag", "since", "title",
          "path", "type", "scale", "next", "new"]
NASTY = ["", "-1", "0", "99999999999999999999999", "1e9", "abc", "%ff%fe", "\u202e\u0000x",
         "<script>", "x" * 100_000, "[]{}", "../../etc/passwd"]
FUZZ = settings(max_examples=25, deadline=None,
                suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])


@pytest.fixture
def boss_client(world, make_user):
    client = Client(raise_request_exception=False)
    client.force_login(make_user("boss", "Editors", "Moderators"))
    return client


@pytest.mark.parametrize("name", GET_ROUTES)
def test_every_page_survives_odd_query_parameters(world, boss_client, name):
    base = url(name, world)
    for value in NASTY:
        query = "&".join(f"{p}={quote(value, safe='%')}" for p in PARAMS)
        response = boss_client.get(f"{base}?{query}")
        assert response.status_code < 500, (name, value[:20])


ODD_PATHS = [
    "/%ff%fe/", "/%ff", "/taxonomy/%ff/", "/taxonomy/%c3/", "/u/%ff/", "/tags/%ff/",
    "/examples/%ff/", "/wiki/history/%ff", "/wiki/edit/%ff%fe", "/a%00b", "/taxonomy/a%00b/",
    "/u/a%00b/", "/search/?q=a%00b", "/taxonomy/a%00b.json", "/forum/t/99999999999999999999/",
    "/forum/n/-1/", "/forum/p/0/", "/taxonomy/-/99999999999999999999/history/",
    "/wiki/history/hostile/page/99999999999999999999999/",
    "/wiki/diff/hostile/page/?from=-5&to=99999999999999999999999",
    "/wiki/diff/hostile/page/?from=99999999999999999999999", "/" + "a/" * 400, "/" + "a" * 5000,
    "/taxonomy/" + "a/" * 400, "/tags/" + "+".join(["a"] * 500) + "/",
]


def test_odd_paths_get_a_clear_answer(world, boss_client):
    for path in ODD_PATHS:
        assert boss_client.get(path).status_code < 500, path


def test_nul_bytes_in_an_address_are_a_bad_request(world):
    assert Client().get("/taxonomy/a%00b/").status_code == 400
    assert Client().get("/u/a%00b/").status_code == 400


@FUZZ
@given(segment=st.text(min_size=1, max_size=40))
def test_fuzzed_paths_never_fail(world, boss_client, segment):
    quoted = quote(segment, safe="")
    for prefix in ("/", "/taxonomy/", "/u/", "/tags/", "/examples/", "/wiki/history/"):
        assert boss_client.get(prefix + quoted + "/").status_code < 500, prefix + quoted


@FUZZ
@given(params=st.dictionaries(st.sampled_from(PARAMS), st.text(max_size=30), max_size=6))
def test_fuzzed_query_strings_never_fail(world, boss_client, params):
    for name in ("search:search", "search:suggest", "wiki:recent_changes", "wiki:diff",
                 "forum:thread", "taxonomy:node_add", "forum:reply", "wiki:new"):
        response = boss_client.get(url(name, world), params)
        assert response.status_code < 500, (name, params)


FORMS = {
    "wiki:edit": ["title", "description", "markdown", "tags", "summary", "base_revision"],
    "wiki:move": ["new_path"],
    "forum:new_thread": ["title", "body", "token"],
    "forum:reply": ["body", "token"],
    "forum:edit_post": ["body"],
    "forum:flag_post": ["reason", "note"],
    "forum:move_thread": ["node"],
    "forum:moderate_thread": ["action"],
    "forum:handle_flag": ["resolution"],
    "taxonomy:node_add": ["name", "slug", "parent", "summary", "size_min", "size_max", "order",
                          "permanence", "page_path"],
    "taxonomy:example_edit": ["name", "slug", "website", "start_date", "end_date", "size",
                              "status", "nodes"],
    "accounts:settings": ["bio", "email_notifications"],
    "markup:preview": ["text"],
}


ODD_VALUES = ["\x00", "a\x00b", "x" * 1_000_000, "-1", "99999999999999999999999", "\u202e", "  "]


@pytest.mark.parametrize("name", sorted(FORMS))
def test_forms_refuse_odd_values_clearly(world, make_user, name):
    route = ROUTES[name]
    client = Client(raise_request_exception=False)
    # Owner-only forms (editing a post) as the owner, the rest as an Editor and Moderator.
    client.force_login(make_user("boss", "Editors", "Moderators") if route.owner == "author"
                       else world[route.owner])
    for value in ODD_VALUES:
        data = {**(route.post(world) or {}), **dict.fromkeys(FORMS[name], value)}
        response = client.post(url(name, world), data)
        assert response.status_code < 500, (name, repr(value[:10]))


@FUZZ
@given(data=st.fixed_dictionaries({
    "title": st.text(max_size=300), "body": st.text(max_size=300), "markdown": st.text(),
    "summary": st.text(max_size=300), "tags": st.text(max_size=100),
    "name": st.text(max_size=200), "slug": st.text(max_size=100), "note": st.text(),
}))
def test_fuzzed_forms_never_fail(world, boss_client, data):
    for name in ("wiki:edit", "forum:new_thread", "forum:reply", "taxonomy:node_add",
                 "forum:flag_post", "markup:preview"):
        response = boss_client.post(url(name, world), {**(ROUTES[name].post(world) or {}), **data})
        assert response.status_code < 500, name


def test_a_megabyte_page_is_refused_and_the_page_is_kept(world, user_client):
    page = Page.objects.get(pk=world["page"].pk)
    before = page.current_revision_id
    response = user_client.post(url("wiki:edit", world), {
        "title": "Big", "markdown": "x" * 1_000_000,
        "base_revision": page.current_revision.number,
    })
    assert response.status_code == 400
    assert "too long" in response.content.decode() or "at most" in response.content.decode()
    assert Page.objects.get(pk=page.pk).current_revision_id == before


def test_a_megabyte_post_is_refused_and_nothing_is_stored(world, user_client):
    count = Post.objects.count()
    response = user_client.post(url("forum:reply", world), {"body": "x" * 1_000_000})
    assert response.status_code in (200, 400)
    assert "errorlist" in response.content.decode()
    assert Post.objects.count() == count


# --- Open redirects and header injection ------------------------------------------------------

EVIL_NEXT = ["//evil.example/", "https://evil.example/", "/\\evil.example/", "\\\\evil.example",
             "javascript:alert(1)", "http:/\\evil.example", " //evil.example", "/\t/evil.example"]


def _same_site(location):
    return url_has_allowed_host_and_scheme(location, allowed_hosts={"testserver"}) and not (
        location.startswith(("//", "/\\"))
    )


@pytest.mark.parametrize("path", ["/%5Cevil.example/", "/%09/evil.example/", "/%2F%2Fevil.example/",
                                  "/%5C%5Cevil.example/", "/%0D%0A/evil.example/",
                                  "/wiki/pages%5C", "/taxonomy/%5Cevil.example/"])
def test_path_redirects_stay_on_the_site(world, path):
    response = Client(raise_request_exception=False).get(path)
    assert response.status_code < 500
    if response.status_code in (301, 302):
        assert _same_site(response["Location"]), response["Location"]


@pytest.mark.parametrize("name", ["wiki:watch", "forum:watch_thread", "forum:watch_node"])
def test_next_never_leaves_the_site(world, make_user, name):
    client = Client()
    client.force_login(make_user("stranger"))
    for target in EVIL_NEXT:
        response = client.post(url(name, world), {**ROUTES[name].post(world), "next": target})
        assert response.status_code == 302
        assert _same_site(response["Location"]), (target, response["Location"])


def test_next_within_the_site_is_followed(world, make_user):
    client = Client()
    client.force_login(make_user("stranger"))
    response = client.post(url("wiki:watch", world), {"watch": "on", "next": "/forum/"})
    assert response["Location"] == "/forum/"


def test_login_next_never_leaves_the_site(world):
    from tests.conftest import PASSWORD

    for target in EVIL_NEXT:
        response = Client().post(f"/accounts/login/?next={quote(target)}",
                                 {"login": "author", "password": PASSWORD})
        assert response.status_code == 302
        assert _same_site(response["Location"]), (target, response["Location"])


def test_a_notification_never_sends_people_off_the_site(world):
    client = Client()
    client.force_login(world["author"])
    for notification in world["author"].notifications.filter(url__contains=":"):
        response = client.post(url("notifications:open", world).replace(
            str(world["notification"].pk), str(notification.pk)))
        assert response["Location"] == "/notifications/", notification.url


def test_newlines_in_a_path_never_become_headers(world):
    response = Client(raise_request_exception=False).get("/foo%0d%0aSet-Cookie:%20x=1/")
    assert response.status_code < 500
    assert "x" not in response.cookies
    assert "\n" not in response.get("Location", "")


def test_no_write_on_refused_input(world, user_client):
    """A refused form writes nothing at all (checked on one form per app)."""
    for name, data in [("forum:reply", {"body": ""}), ("wiki:edit", {"title": ""}),
                       ("accounts:settings", {"bio": "x" * 5000})]:
        with capture() as queries:
            user_client.post(url(name, world), data)
        assert writes(queries.captured_queries, allowed=("django_session",)) == [], name


def test_a_line_break_in_a_title_never_reaches_an_email_header(world, make_user,
                                                                 django_capture_on_commit_callbacks):
    from django.core import mail

    client = Client(raise_request_exception=False)
    client.force_login(world["villain"])  # the author watches the page (they edited it)
    page = Page.objects.select_related("current_revision").get(pk=world["page"].pk)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url("wiki:edit", world), {
            "title": "Title\r\nBcc: victim@example.org", "markdown": "Changed",
            "base_revision": page.current_revision.number,
        })
    assert response.status_code == 302
    sent = [m for m in mail.outbox if "victim" in m.subject]
    assert sent and all("\n" not in m.subject and not m.bcc for m in sent)
