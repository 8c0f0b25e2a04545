"""The founding page is default content, loaded through the Wiki.js importer, idempotently."""

from io import StringIO

import pytest
from django.core.management import call_command

from forum.models import Thread
from wiki import default_content
from wiki.default_content import CONTENT
from wiki.editing import save_page
from wiki.models import Page, Revision
from wiki.wikijs import read_file

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
    # Its links to categories and examples are live: each leads to the concept's one page.
    assert "redlink" not in html
    assert 'href="/network-societies/pop-ups"' in html
    concept = client.get("/network-societies/pop-ups")
    assert concept.status_code == 301 and concept["Location"] == "/taxonomy/small/pop-up-villages/"
    # Revision 2, by the site, sends the discussion link to the site's own taxonomy discussion
    # and links the headings that name categories; revision 1 stays exactly as imported.
    thread = Thread.objects.get(title="Taxonomy of network societies")
    assert f'href="{thread.get_absolute_url()}">this forum topic</a>' in html
    assert "forum.sove.re" not in html
    assert '<a href="/taxonomy/medium/startup-cities/">Startup Cities</a>' in html
    page = Page.objects.get(path="network-societies")
    first, second = page.revisions.order_by("number")
    assert second.author is None and second.number == 2 and page.current_revision == second
    assert first.markdown == read_file(CONTENT / "network-societies.md", CONTENT).body
    # Loading again changes nothing.
    call_command("load_default_content", stdout=StringIO())
    assert page.revisions.count() == 2
