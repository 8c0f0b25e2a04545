"""Apps contribute sections, default content and search types and filters by registering them;
the apps that show them know none of their contributors by name."""

import pytest
from django.core import checks

from accounts import sections
from network_societies import default_content
from search import registry


def test_profile_and_watchlist_sections_are_registered_in_app_order():
    from forum import profile as forum_profile
    from forum import watching as forum_watching
    from proposals import profile as proposals_profile
    from trust import profile as trust_profile
    from wiki import profile as wiki_profile
    from wiki import watching as wiki_watching

    assert sections.profile._builders == [
        wiki_profile.section, forum_profile.section, forum_profile.drafts_section,
        proposals_profile.section, trust_profile.section,
    ]
    assert sections.watchlist._builders == [wiki_watching.section, forum_watching.section]


def test_registering_twice_changes_nothing():
    builder = sections.profile._builders[0]
    sections.profile.register(builder)
    assert sections.profile._builders.count(builder) == 1


def test_default_content_loads_pages_then_taxonomy_then_forum():
    assert [loader.__module__ for loader in default_content.loaders()] == [
        "wiki.default_content", "taxonomy.default_content", "forum.default_content",
    ]


def test_search_types_and_filters_come_from_the_apps():
    assert [(t.name, t.label, t.suggest) for t in registry.types()] == [
        ("pages", "Pages", True), ("taxonomy", "Taxonomy", True), ("forum", "Forum", False),
        ("proposals", "Proposals", False),
    ]
    assert [(f.param, f.field) for f in registry.filters()] == [
        ("tag", "tag_slugs"), ("scale", "scale"),
    ]


@pytest.mark.django_db
def test_the_scale_filter_offers_the_taxonomys_active_scales(client):
    from taxonomy import editing

    root = editing.create_node(user=None, parent=None, name="Root", slug="root")
    editing.create_node(user=None, parent=root, name="Small", slug="small")
    editing.create_node(user=None, parent=root, name="Planetary", slug="planetary")
    html = client.get("/search/", {"q": "x"}).content.decode()
    assert '<option value="small">Small</option>' in html
    assert '<option value="planetary">Planetary</option>' in html


def test_an_indexed_model_with_an_unregistered_type_fails_the_system_check(monkeypatch):
    from forum.models import Thread

    monkeypatch.setattr(Thread, "search_type", "threads")
    errors = [e for e in checks.run_checks() if e.id == "search.E003"]
    assert len(errors) == 1 and errors[0].obj is Thread
    assert "'threads'" in errors[0].msg


@pytest.mark.django_db
def test_a_page_result_shows_its_tags_through_the_wikis_result_template(client):
    from django.test import TestCase

    from wiki.editing import save_page

    with TestCase.captureOnCommitCallbacks(execute=True):
        save_page(path="a", title="Alpha hub", markdown="x", author=None, tags=["Asia"])
    html = client.get("/search/", {"q": "hub"}).content.decode()
    assert '<ul class="tags" aria-label="Tags">' in html
    assert 'href="?q=hub&amp;tag=asia">asia</a>' in html
