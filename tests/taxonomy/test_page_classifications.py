"""A wiki page that a taxonomy node or example links shows where it sits in the taxonomy and
links the node's discussion (the page's talk page), in one query."""

import io

import pytest

from forum import actions
from forum.models import Thread
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


def test_a_page_linked_by_a_node_shows_the_node_and_its_discussion(client, user, pop_ups):
    actions.start_thread(node=pop_ups, author=user, title="How big?", body="150?")
    hidden = actions.start_thread(node=pop_ups, author=user, title="Spam", body="Spam")
    Thread.objects.filter(pk=hidden.pk).update(hidden=True)

    html = client.get("/network-societies/pop-ups").content.decode()

    assert "In the taxonomy" in html
    assert f'href="{pop_ups.get_absolute_url()}">{pop_ups.name}</a>' in html
    assert f'href="/forum/n/{pop_ups.pk}/">1 discussion</a>' in html


def test_a_page_linked_by_an_example_shows_the_example(client, user, pop_ups):
    save_page(path="network-societies/archipelago2024", title="Chiang Mai 2024", markdown="x",
              author=user)
    html = client.get("/network-societies/archipelago2024").content.decode()
    assert 'Example: <a href="/examples/chiang-mai-archipelago-2024/">' in html


def test_retired_nodes_and_unlinked_pages_show_nothing(client, user, pop_ups):
    TaxonomyNode.objects.filter(pk=pop_ups.pk).update(retired_at="2026-01-01T00:00Z")
    save_page(path="elsewhere", title="Elsewhere", markdown="x", author=user)
    assert "In the taxonomy" not in client.get("/network-societies/pop-ups").content.decode()
    assert "In the taxonomy" not in client.get("/elsewhere").content.decode()
