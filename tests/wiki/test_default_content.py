"""The founding page is default content, loaded through the Wiki.js importer, idempotently."""

from io import StringIO

import pytest
from django.core.management import call_command

from wiki import default_content
from wiki.editing import save_page
from wiki.models import Page, Revision

pytestmark = pytest.mark.django_db


def load():
    out = StringIO()
    default_content.load(stdout=out)
    return out.getvalue()


def test_the_founding_page_is_loaded_with_its_wikijs_dates():
    assert "/network-societies created" in load()
    page = Page.objects.get(path="network-societies")
    assert page.title == "Network Societies"
    assert page.created_at.isoformat() == "2024-11-29T13:41:41.766000+00:00"
    assert page.current_revision.markdown.startswith("# Overview\n")
    assert set(page.outgoing_links.values_list("target_path", flat=True)) >= {
        "network-societies/pop-ups", "network-societies/hubs", "network-societies/ic",
    }


def test_loading_twice_writes_nothing_twice():
    load()
    assert "/network-societies unchanged" in load()
    assert Revision.objects.count() == 1


def test_a_page_people_edited_is_never_overwritten(user):
    load()
    save_page(path="network-societies", title="Network Societies", markdown="Ours now",
              author=user, base_revision=1)
    assert "edited on the site; left as it is" in load()
    page = Page.objects.get(path="network-societies")
    assert page.current_revision.markdown == "Ours now"
    assert page.revisions.count() == 2


def test_the_founding_page_is_served_with_its_headings_lists_and_links(client):
    call_command("load_default_content", stdout=StringIO())
    response = client.get("/network-societies")
    assert response.status_code == 200
    html = response.content.decode()
    assert '<h2 id="overview">' in html and html.count("<h1") == 1
    assert "<h3" in html and "Core Components" in html
    assert "<li>Digital-first coordination</li>" in html
    assert 'href="https://forum.sove.re/topic/34/taxonomy-of-network-societies"' in html
    # Its links to pages nobody wrote yet are red links that offer to create them.
    assert "redlink" in html
    missing = client.get("/network-societies/pop-ups")
    assert missing.status_code == 404
    assert "/wiki/edit/network-societies/pop-ups" in missing.content.decode()
