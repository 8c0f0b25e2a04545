"""The read API: what each list and detail answers, filters, pagination, permissions, ETags, the
rate limit, the docs page, and a bounded number of queries at 10,000 examples."""

import json
import re
from pathlib import Path

import pytest
from django.contrib.staticfiles import finders
from django.test import override_settings
from django.utils import timezone

from network_societies import ratelimit
from tests.security.test_csp import assert_strict
from tests.security.test_csp_templates import inline_problems
from wiki.models import Page

from .data import many_examples, sample_content

pytestmark = pytest.mark.django_db


@pytest.fixture
def content():
    return sample_content()


def get(client, url, **headers):
    response = client.get(url, **headers)
    assert response["Content-Type"].startswith("application/json"), response.content[:200]
    return response


def names(response):
    return [row["name"] for row in response.json()["results"]]


def test_index_names_every_list_and_the_docs(client, content):
    body = get(client, "/api/").json()
    assert body["docs"].endswith("/api/docs/")
    assert body["examples"].endswith("/api/examples/")
    assert body["license"] == "CC BY-SA 4.0"


def test_category_tree_nests_scales_and_categories_and_hides_retired(client, content):
    tree = get(client, "/api/categories/").json()
    assert tree["kind"] == "root"
    small = next(child for child in tree["children"] if child["slug"] == "small")
    assert [c["name"] for c in small["children"]] == ["Pop-up villages"]
    assert small["children"][0]["example_count"] == 2  # Zuzalu and the odd one, not the retired


def test_editors_see_retired_categories(client, content, editor):
    client.force_login(editor)
    small = next(c for c in get(client, "/api/categories/").json()["children"]
                 if c["slug"] == "small")
    assert {c["slug"]: c["retired"] for c in small["children"]} == {
        "pop-up-villages": False, "retired": True}


def test_category_detail_has_its_ancestors_children_and_examples_link(client, content):
    body = get(client, "/api/categories/small").json()
    assert [a["name"] for a in body["ancestors"]] == ["Network societies"]
    assert [c["slug"] for c in body["children"]] == ["pop-up-villages"]
    assert body["examples_url"].endswith("/api/examples/?category=small")
    assert get(client, "/api/categories/small/retired").status_code == 404
    assert get(client, "/api/categories/nowhere").json() == {"detail": "No category at this path."}


def test_examples_filter_by_category_with_its_descendants_and_by_status(client, content):
    assert names(get(client, "/api/examples/?category=small")) == [
        '<script>alert("x")</script> & co', "Zuzalu"]
    assert names(get(client, "/api/examples/?category=large&status=active")) == [
        '<script>alert("x")</script> & co']
    assert names(get(client, "/api/examples/?status=past")) == ["Zuzalu"]
    unknown = get(client, "/api/examples/?category=nowhere")
    assert unknown.status_code == 400 and "category" in unknown.json()["detail"]
    assert get(client, "/api/examples/?status=lost").status_code == 422


def test_examples_take_every_directory_filter(client, content):
    zuzalu = content["zuzalu"]
    zuzalu.country, zuzalu.latitude, zuzalu.longitude = "ME", 42.43, 18.70
    zuzalu.save()
    assert names(get(client, "/api/examples/?country=ME&active_from=2023&active_to=2023")) == [
        "Zuzalu"]
    assert names(get(client, "/api/examples/?active_from=2024")) == []
    assert names(get(client, "/api/examples/?size_min=100&size_max=300")) == ["Zuzalu"]
    assert names(get(client, "/api/examples/?q=tivat")) == ["Zuzalu"]
    assert names(get(client, "/api/examples/?scale=large")) == ['<script>alert("x")</script> & co']
    assert names(get(client, "/api/examples/?sources=yes")) == []
    assert names(get(client, "/api/examples/?sort=-size"))[0] == "Zuzalu"
    row = get(client, "/api/examples/?country=ME").json()["results"][0]
    assert (row["country"], row["country_name"], row["latitude"]) == ("ME", "Montenegro", 42.43)
    assert get(client, "/api/examples/?size_min=5&size_max=1").status_code == 400
    assert get(client, "/api/examples/?sort=colour").status_code == 422


def test_example_detail_and_retired_examples(client, content, editor):
    body = get(client, "/api/examples/zuzalu").json()
    assert body["start_date"] == "2023-03-25" and body["size"] == 200
    assert [c["path"] for c in body["categories"]] == ["small/pop-up-villages"]
    assert get(client, "/api/examples/gone").status_code == 404
    client.force_login(editor)
    assert get(client, "/api/examples/gone").json()["retired"] is True


def test_pages_are_paginated_with_links(client, content):
    many_examples(45, [content["villages"]])
    first = get(client, "/api/examples/?page_size=20").json()
    assert (first["count"], first["pages"], first["previous"]) == (47, 3, None)
    assert first["next"].endswith("/api/examples/?page_size=20&page=2")
    last = get(client, first["next"].replace("page=2", "page=3")).json()
    assert len(last["results"]) == 7 and last["next"] is None
    assert last["previous"].endswith("page=2")
    beyond = get(client, "/api/examples/?page=9").json()
    assert beyond["results"] == [] and beyond["count"] == 47
    assert get(client, "/api/examples/?page_size=101").status_code == 422


def test_wiki_pages_list_only_what_the_caller_may_read(client, content, user):
    now = timezone.now()
    Page.objects.create(path="drafts/mine", title="Draft", published=False, created_by=user,
                        created_at=now, updated_at=now)
    assert [p["path"] for p in get(client, "/api/pages/").json()["results"]] == ["guide/start"]
    assert get(client, "/api/pages/drafts/mine").status_code == 404
    client.force_login(user)
    assert get(client, "/api/pages/drafts/mine").json()["title"] == "Draft"


def test_threads_leave_out_hidden_ones_and_deleted_posts_bodies(client, content):
    body = get(client, "/api/threads/").json()
    assert [t["title"] for t in body["results"]] == ["Which villages ran in 2024?"]
    assert body["results"][0]["category"]["path"] == "small/pop-up-villages"
    assert get(client, "/api/threads/?category=large").json()["count"] == 0
    thread = content["thread"]
    posts = get(client, f"/api/threads/{thread.pk}/posts/").json()["results"]
    assert [(p["number"], p["html"]) for p in posts] == [(1, "<p>First</p>"), (2, None)]
    hidden = body["count"] + 1  # the hidden thread's id is not listed and not served
    assert get(client, f"/api/threads/{thread.pk + hidden}").status_code == 404


def test_search_answers_with_pages_of_results_and_refuses_unknown_types(client, content):
    body = get(client, "/api/search/?q=zuzalu").json()
    assert set(body) >= {"query", "messages", "count", "results", "next"}
    assert get(client, "/api/search/?q=x&type=nonsense").status_code == 400
    assert get(client, "/api/search/").status_code == 422


def test_etag_answers_304_when_nothing_changed(client, content):
    first = get(client, "/api/examples/")
    again = client.get("/api/examples/", HTTP_IF_NONE_MATCH=first["ETag"])
    assert again.status_code == 304
    content["zuzalu"].name = "Zuzalu (renamed)"
    content["zuzalu"].save()
    assert client.get("/api/examples/", HTTP_IF_NONE_MATCH=first["ETag"]).status_code == 200


@override_settings(NS_RATE_LIMITS={"api": {"default": "3/600", "new_account": "3/600"}})
def test_rate_limit_answers_429_with_retry_after_per_address(client, content, monkeypatch):
    """(Distinct URLs: an answer the page cache already holds costs nothing and is not counted.)"""
    monkeypatch.setattr(ratelimit, "clock", lambda: 1_000_000.0)
    for page in range(1, 4):
        assert client.get(f"/api/examples/?page={page}", REMOTE_ADDR="10.0.0.1").status_code == 200
    refused = client.get("/api/examples/?page=4", REMOTE_ADDR="10.0.0.1")
    assert refused.status_code == 429 and int(refused["Retry-After"]) > 0
    assert client.get("/api/examples/?page=5", REMOTE_ADDR="10.0.0.2").status_code == 200


def test_docs_page_is_served_from_the_site_with_no_outside_script(client):
    response = client.get("/api/docs/")
    html = response.content.decode()
    assert response.status_code == 200
    assert '/static/ninja/swagger-ui-bundle.js' in html and "cdn" not in html.lower()
    assert "<style" not in html and " style=" not in html
    schema = get(client, "/api/openapi.json").json()
    assert schema["openapi"].startswith("3.")
    assert {"/api/examples/", "/api/categories/", "/api/pages/", "/api/threads/",
            "/api/search/"} <= set(schema["paths"])


def test_docs_page_follows_the_sites_light_and_dark_under_the_strict_policy(client):
    response = client.get("/api/docs/")
    html = response.content.decode()
    assert_strict(response)
    assert inline_problems(html) == []
    # The dark stylesheet and the script that switches Swagger UI's dark styles on, in <head>.
    head = html.split("</head>")[0]
    assert 'href="/static/css/api-docs.css"' in head and 'src="/static/js/api-docs.js"' in head
    assert '<meta name="color-scheme" content="light dark">' in head
    settings = re.search(r'<script id="swagger-settings" type="application/json">(.*?)</script>',
                         html).group(1)
    assert json.loads(settings)["url"] == "/api/openapi.json"
    script = Path(finders.find("js/api-docs.js")).read_text()
    assert "prefers-color-scheme: dark" in script and '"dark-mode"' in script
    assert "html.dark-mode" in Path(finders.find("css/api-docs.css")).read_text()


def test_swagger_ui_still_ships_the_dark_styles_the_docs_page_switches_on():
    # A django-ninja upgrade whose Swagger UI drops them would leave the page light in dark mode.
    bundled = Path(finders.find("ninja/swagger-ui.css")).read_text()
    assert bundled.count("html.dark-mode .swagger-ui") > 100


def test_taxonomy_json_keeps_working(client, content):
    assert client.get("/taxonomy.json").json()["name"] == "Network societies"


def test_list_views_make_a_bounded_number_of_queries_at_10000_examples(
        client, content, django_assert_max_num_queries):
    many_examples(10_000, [content["villages"], content["root"]])
    for url in ["/api/examples/?page_size=100", "/api/examples/?category=small&page=50",
                "/api/categories/", "/api/threads/", "/api/pages/"]:
        with django_assert_max_num_queries(8):
            assert client.get(url).status_code == 200
