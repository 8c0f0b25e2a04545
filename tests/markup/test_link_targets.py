"""Links that know concepts: ``[[Name]]`` of a category or example, and links to a concept's
article path, are ordinary links; a link is red only when nothing answers its path, and the live
page, an old revision, the editor's first preview and its live preview agree on it."""

import io
import re

import pytest
from django.urls import reverse

from markup import targets
from markup.resolvers import preview_html
from taxonomy import default_content, editing
from taxonomy.models import TaxonomyNode
from wiki.editing import save_page

pytestmark = pytest.mark.django_db


@pytest.fixture
def tree(db):
    default_content.load(io.StringIO())
    return {node.path: node for node in TaxonomyNode.objects.all()}


def hrefs(html):
    return re.findall(r'<a href="([^"]*)"( class="redlink")?', html)


def test_fold_ignores_case_accents_hyphens_and_spacing():
    assert targets.fold("Pöp-up  Villages") == targets.fold("pop up villages") == "pop up villages"
    assert targets.fold("Café_Society") == "cafe society"


@pytest.mark.parametrize("name", ["Pop-up villages", "pop up villages", "POP-UP VILLAGES",
                                  "Pöp-up villages"])
def test_a_wikilink_to_a_categorys_name_links_its_concept(tree, name):
    html = preview_html(f"[[{name}]]")
    assert hrefs(html) == [("/network-societies/pop-ups", "")]


def test_examples_names_and_default_article_paths(tree):
    html = preview_html("[[Chiang Mai Archipelago 2024]] [[Startup cities]] [[Nobody Here]]")
    assert hrefs(html) == [("/network-societies/archipelago2024", ""),
                           ("/network-societies/startup-cities", ""),
                           ("/nobody-here", ' class="redlink"')]


def test_a_former_name_still_links_after_a_rename(tree):
    editing.update_node(tree["small/hubs"], user=None, name="Coliving hubs", slug="coliving")
    assert hrefs(preview_html("[[Hubs]] [[Coliving hubs]]")) == [
        ("/network-societies/hubs", ""), ("/network-societies/hubs", "")]


def test_a_retired_concept_no_longer_answers(tree):
    editing.retire_node(tree["large/nations"], user=None)
    assert hrefs(preview_html("[[Nations]] [x](/network-societies/nations)")) == [
        ("/nations", ' class="redlink"'), ("/network-societies/nations", ' class="redlink"')]


def test_a_concept_name_wins_over_an_orphan_page_with_the_same_title(tree, user):
    save_page(path="pop-up-villages", title="Pop-up villages", markdown="orphan", author=user)
    assert hrefs(preview_html("[[Pop-up villages]]")) == [("/network-societies/pop-ups", "")]


def test_page_revision_and_previews_agree_on_red_links(client, tree, user):
    text = ("[[Pop-up villages]] [a](/network-societies/ic) [b](/gone-page) [[Missing Title]] "
            "[c](/network-societies/archipelago2024)")
    save_page(path="notes", title="Notes", markdown=text, author=user)
    save_page(path="notes", title="Notes", markdown=text + " more", author=user)
    page = client.get("/notes").content.decode()
    old = client.get(reverse("wiki:revision", args=["notes", 1])).content.decode()
    client.force_login(user)
    live = client.post(reverse("markup:preview"), {"text": text}).content.decode()
    editor = client.get(reverse("wiki:edit", args=["notes"])).content.decode()
    expected = [("/network-societies/pop-ups", ""), ("/network-societies/ic", ""),
                ("/gone-page", ' class="redlink"'), ("/missing-title", ' class="redlink"'),
                ("/network-societies/archipelago2024", "")]
    for name, html in [("page", page), ("old", old), ("live", live), ("editor", editor)]:
        body = html[html.find('<a href="/network-societies/pop-ups"'):]
        assert [h for h in hrefs(body) if h in expected][:5] == expected, name


def test_the_registry_asks_providers_in_order_and_stops_early():
    class Fake:
        def __init__(self, paths, names):
            self.paths, self.names, self.asked = paths, names, []

        def existing_paths(self, paths):
            self.asked.append(set(paths))
            return self.paths & set(paths)

        def paths_for_names(self, names):
            return {n: p for n, p in self.names.items() if n in names}

        def home_url(self, path):
            return None

    saved = dict(targets._providers)
    try:
        targets._providers.clear()
        first, second = Fake({"a"}, {"X": "first/x"}), Fake({"a", "b"}, {"X": "second/x"})
        targets.register("first", first, order=1)
        targets.register("second", second, order=2)
        assert targets.paths_for_names({"X"}) == {"X": "first/x"}
        assert targets.missing_paths({"a", "b", "c"}) == {"c"}
        assert second.asked == [{"a", "b", "c"}] and first.asked == [{"c"}]
        assert targets.home_url("a") is None
    finally:
        targets._providers.clear()
        targets._providers.update(saved)
