"""The home page: what the site is, the three scales, the founding page, the latest discussions."""

from io import StringIO

import pytest
from django.core.management import call_command

from forum import actions
from taxonomy.models import Kind, TaxonomyNode

pytestmark = pytest.mark.django_db


@pytest.fixture
def default_content(db):
    call_command("load_default_content", stdout=StringIO())


def start_threads(author, count, node=None):
    node = node or TaxonomyNode.objects.filter(kind=Kind.CATEGORY).first()
    return [actions.start_thread(node=node, author=author, title=f"Question {i}", body="Why?")
            for i in range(count)]


def test_home_shows_the_scales_with_their_categories(client, default_content):
    html = client.get("/").content.decode()
    for scale in TaxonomyNode.objects.filter(kind=Kind.SCALE):
        assert f'href="{scale.get_absolute_url()}">{scale.name}</a>' in html
    category = TaxonomyNode.objects.filter(kind=Kind.CATEGORY).first()
    assert f'href="{category.get_absolute_url()}">{category.name}</a>' in html
    assert 'class="tx-diagram"' in html


def test_home_leads_to_the_founding_page(client, default_content):
    html = client.get("/").content.decode()
    assert html.count('href="/network-societies"') >= 2


def test_home_lists_the_latest_visible_discussions(client, user, default_content):
    shown, hidden = start_threads(user, 2)
    hidden.hidden = True
    hidden.save()
    html = client.get("/").content.decode()
    assert shown.title in html
    assert f'href="{hidden.get_absolute_url()}"' not in html


def test_home_queries_do_not_grow_with_the_content(
        client, user, default_content, django_assert_max_num_queries):
    start_threads(user, 1)
    with django_assert_max_num_queries(12) as small:
        client.get("/")
    start_threads(user, 15)
    scale = TaxonomyNode.objects.filter(kind=Kind.SCALE).first()
    from taxonomy import editing

    for i in range(5):
        editing.create_node(user=None, parent=scale, reason="test", name=f"Extra {i}",
                            slug=f"extra-{i}")
    with django_assert_max_num_queries(len(small.captured_queries)):
        response = client.get("/")
    assert "Extra 4" in response.content.decode()


def test_home_for_a_signed_in_person_stays_bounded(
        user_client, user, default_content, django_assert_max_num_queries):
    start_threads(user, 10)
    # 15 for the page, 1 for the header's forum count, 7 for "since your last visit" (the
    # remembered visit, and one or two per source: pages, taxonomy, forum, proposals).
    with django_assert_max_num_queries(22):
        user_client.get("/")


def test_home_works_on_an_empty_database(client):
    response = client.get("/")
    assert response.status_code == 200
    assert "The taxonomy is empty" in response.content.decode()
