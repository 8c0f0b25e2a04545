"""A wiki page that is a live concept's article is not a second home: it redirects to the concept
page. The pages that stay (the founding page, the root's) show where they sit in the taxonomy."""

import io

import pytest

from taxonomy import default_content
from taxonomy.models import TaxonomyNode
from wiki.editing import save_page

pytestmark = pytest.mark.django_db


@pytest.fixture
def pop_ups(db, user):
    default_content.load(io.StringIO())
    save_page(path="network-societies/pop-ups", title="Pop-up villages", markdown="About them.",
              author=user)
    return TaxonomyNode.objects.get(page_path="network-societies/pop-ups")


def test_a_concepts_article_redirects_to_its_concept_page(client, pop_ups):
    response = client.get("/network-societies/pop-ups")
    assert response.status_code == 301
    assert response["Location"] == pop_ups.get_absolute_url()
    example = client.get("/network-societies/archipelago2024")
    assert example.status_code == 301
    assert example["Location"] == "/examples/chiang-mai-archipelago-2024/"


def test_the_founding_page_shows_the_root_in_one_query(client, user, pop_ups,
                                                       django_assert_max_num_queries):
    from django.template import Context, Template

    save_page(path="network-societies", title="Network Societies", markdown="x", author=user)
    html = client.get("/network-societies").content.decode()
    assert "In the taxonomy" in html and 'href="/taxonomy/">Network societies</a>' in html
    with django_assert_max_num_queries(1):
        Template("{% load taxonomy_pages %}{% page_classifications 'network-societies' %}").render(
            Context())


def test_retired_concepts_and_unlinked_pages_show_nothing(client, user, pop_ups):
    TaxonomyNode.objects.filter(pk=pop_ups.pk).update(retired_at="2026-01-01T00:00Z")
    save_page(path="elsewhere", title="Elsewhere", markdown="x", author=user)
    retired = client.get("/network-societies/pop-ups")
    assert retired.status_code == 200  # no live concept claims it: the page is itself again
    assert "In the taxonomy" not in retired.content.decode()
    assert "In the taxonomy" not in client.get("/elsewhere").content.decode()
