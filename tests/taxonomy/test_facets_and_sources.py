"""Facet vocabularies (default content, editing with history and revert, on examples and as a
category's defining values), sources (citations on facts, numbered references, "source needed"
marks, the sources editor) and places (country and coordinates, the offline gazetteer)."""

import io
from datetime import date
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.test import Client

from network_societies.merging import EditConflict
from proposals.kinds.base import EXAMPLE_FACTS, example_fact
from proposals.models import Kind
from proposals.services import open_proposal
from taxonomy import default_content, editing, facets, gazetteer
from taxonomy.forms import ExampleForm
from taxonomy.models import Action, Change, Example, Facet, FacetValue, TaxonomyNode

from .corpus import load_corpus

pytestmark = pytest.mark.django_db


@pytest.fixture
def corpus(db):
    from .conftest import ensure_groups

    ensure_groups()
    return load_corpus()


def value(key):
    facet, _, slug = key.partition(":")
    return FacetValue.objects.get(facet__slug=facet, slug=slug)


class TestVocabularies:
    def test_default_facets_in_the_founding_pages_words(self, tree):
        names = {f.name: [v.name for v in f.values.all()] for f in Facet.objects.all()}
        assert list(names) == ["Core components", "Implementation layers", "Economic models"]
        assert names["Economic models"] == ["Shared treasury", "Token-based incentives",
                                            "Contribution tracking", "Reputation systems",
                                            "P2P exchange"]
        assert "Portable identity/reputation" in names["Core components"]
        layer = value("implementation-layers:physical-layer")
        assert layer.name == "Physical Layer" and "Pop-up gatherings" in layer.description
        pop_ups = TaxonomyNode.objects.get(path="small/pop-up-villages")
        assert list(pop_ups.defining_values.all()) == [layer]

    def test_loading_again_keeps_what_people_changed(self, tree):
        treasury = value("economic-models:shared-treasury")
        facets.update_value(treasury, user=None, name="Common treasury")
        facets.retire(value("economic-models:p2p-exchange"), user=None)
        out = io.StringIO()
        default_content.load(out)
        assert "Facets: 0 values created." in out.getvalue()
        assert value("economic-models:shared-treasury").name == "Common treasury"
        assert value("economic-models:p2p-exchange").is_retired

    def test_edit_retire_restore_and_revert_with_history(self, tree, editor):
        treasury = value("economic-models:shared-treasury")
        change = facets.update_value(treasury, user=editor, description="One common pot.",
                                     reason="Clearer")
        assert change.facet_value == treasury and change.changes == {
            "description": ["", "One common pot."]}
        editing.revert(change, user=editor)
        assert value("economic-models:shared-treasury").description == ""
        facets.retire(treasury, user=editor)
        with pytest.raises(ValidationError):
            facets.retire(treasury, user=editor)
        retired = Change.objects.filter(facet_value=treasury, action=Action.RETIRED).get()
        editing.revert(retired, user=editor)
        assert not value("economic-models:shared-treasury").is_retired

    def test_bad_and_stale_edits(self, tree, editor):
        models = Facet.objects.get(slug="economic-models")
        with pytest.raises(ValidationError) as error:
            facets.create_value(models, user=editor, name="Again", slug="shared-treasury")
        assert "already used" in str(error.value)
        with pytest.raises(ValidationError):
            facets.create_facet(user=editor, name=" ", slug="Bad Slug")
        read = models.version
        facets.update_facet(models, user=editor, description="Theirs")
        with pytest.raises(EditConflict):
            facets.update_facet(models, user=editor, description="Mine", expected_version=read)
        facets.update_facet(models, user=editor, name="Economies", expected_version=read)
        models.refresh_from_db()
        assert (models.name, models.description) == ("Economies", "Theirs")

    def test_pages_editors_only(self, tree, editor_client, user):
        html = Client().get("/examples/-/facets/").content.decode()
        assert "Shared treasury" in html and "Add a facet" not in html
        member = Client()
        member.force_login(user)
        assert member.get("/examples/-/facets/new/").status_code == 403
        treasury = value("economic-models:shared-treasury")
        assert member.post(f"/examples/-/facets/value/{treasury.pk}/retire/").status_code == 403
        response = editor_client.post(f"/examples/-/facets/{treasury.facet_id}/values/new/", {
            "name": "Mutual credit", "slug": "mutual-credit", "order": 60, "description": ""})
        assert response.status_code == 302
        assert value("economic-models:mutual-credit").name == "Mutual credit"
        editor_client.post(f"/examples/-/facets/value/{treasury.pk}/retire/")
        assert value("economic-models:shared-treasury").is_retired
        history = editor_client.get("/examples/-/facets/history/").content.decode()
        assert "Economic models: Mutual credit" in history
        assert editor_client.post(
            f"/examples/-/facets/value/{treasury.pk}/explode/").status_code == 404

    def test_examples_carry_values_in_history_and_revert(self, tree, editor):
        example = Example.objects.get(slug="chiang-mai-archipelago-2024")
        editing.save_example(example, user=editor,
                             facet_values=[value("economic-models:shared-treasury")])
        change = example.changes.order_by("-pk").first()
        assert change.changes["facet_values"][1][0]["key"] == "economic-models:shared-treasury"
        editing.revert(change, user=editor)
        assert not example.facet_values.exists()
        facets.retire(value("economic-models:p2p-exchange"), user=editor)
        with pytest.raises(ValidationError):
            editing.save_example(example, user=editor,
                                 facet_values=[value("economic-models:p2p-exchange")])

    def test_category_defining_values_through_the_node_form(self, tree, editor_client):
        hubs = TaxonomyNode.objects.get(path="small/hubs")
        treasury = value("economic-models:shared-treasury")
        data = {name: getattr(hubs, name) or "" for name in (
            "name", "slug", "summary", "description", "size_min", "size_max", "permanence",
            "page_path", "order")}
        data.update(parent=hubs.parent_id, version=hubs.version,
                    defining_values=[treasury.pk])
        assert editor_client.post(f"/taxonomy/-/{hubs.pk}/edit/", data).status_code == 302
        assert list(hubs.defining_values.all()) == [treasury]
        html = Client().get("/taxonomy/small/hubs/").content.decode()
        assert "?facet=economic-models%3Ashared-treasury" in html


class TestSources:
    def test_citations_are_saved_with_history_and_revert(self, corpus, editor):
        vitalia = corpus["vitalia-2024"]
        editing.save_example(vitalia, user=editor, citations=[
            {"fact": "size", "url": "https://example.org/vitalia", "title": "Report",
             "accessed": date(2024, 3, 2), "quote": "about 250 residents"}])
        change = vitalia.changes.order_by("-pk").first()
        assert change.changes["citations"][1][0]["accessed"] == "2024-03-02"
        editing.revert(change, user=editor)
        assert not vitalia.citations.exists()
        with pytest.raises(ValidationError):
            editing.save_example(vitalia, user=editor,
                                 citations=[{"fact": "size", "url": "javascript:alert(1)"}])
        with pytest.raises(ValidationError):
            editing.save_example(vitalia, user=editor,
                                 citations=[{"fact": "mood", "url": "https://example.org"}])

    def test_example_page_numbers_references_and_marks_the_rest(self, client, corpus):
        html = client.get("/examples/zuzalu-2023/").content.decode()
        # Place before dates (Fact order): place is [1], dates [2].
        assert 'href="#ref-1" aria-label="source 1">[1]' in html
        assert '<li id="ref-2">' in html and "March 25 – May 25, 2023" in html
        assert html.count('class="tx-unsourced"') == 3  # status, size, facets
        assert "accessed 1 May 2024" in html

    def test_sources_editor(self, corpus, editor_client):
        vitalia = corpus["vitalia-2024"]
        page = editor_client.get("/examples/vitalia-2024/sources/?fact=size")
        assert page.status_code == 200
        assert 'value="size" selected' in page.content.decode()
        data = {
            "citation-TOTAL_FORMS": "2", "citation-INITIAL_FORMS": "0",
            "citation-MIN_NUM_FORMS": "0", "citation-MAX_NUM_FORMS": "100",
            "citation-0-fact": "size", "citation-0-url": "example.org/vitalia",
            "citation-0-title": "Report", "citation-0-accessed": "2024-03-02",
            "citation-0-quote": "", "citation-1-fact": "", "citation-1-url": "",
            "version": vitalia.version, "reason": "Found it",
        }
        response = editor_client.post("/examples/vitalia-2024/sources/", data)
        assert response.status_code == 302
        citation = vitalia.citations.get()
        assert citation.url == "https://example.org/vitalia" and citation.fact == "size"
        # A stale save that changes the same list is a conflict; my rows stay in the form.
        vitalia.refresh_from_db()
        data["version"] = vitalia.version
        editing.save_example(vitalia, user=None, citations=[])
        data["citation-0-title"] = "My title"
        response = editor_client.post("/examples/vitalia-2024/sources/", data)
        assert response.status_code == 409
        assert 'value="My title"' in response.content.decode()
        assert not vitalia.citations.exists()

    def test_members_cannot_edit_sources(self, corpus, user):
        member = Client()
        member.force_login(user)
        assert member.get("/examples/vitalia-2024/sources/").status_code == 403


class TestPlaces:
    def test_gazetteer(self):
        assert gazetteer.country_name("th") == "Thailand"
        assert gazetteer.find_country("Portugal") == "PT"
        assert gazetteer.find_country("pt") == "PT"
        assert gazetteer.find_country("Atlantis") is None
        assert gazetteer.suggest_cities("lisb")[0]["country"] == "PT"
        assert gazetteer.suggest_cities("sao paulo")[0]["name"] == "São Paulo"
        match = gazetteer.locate("Chiang Mai, Thailand")
        assert match and match["country"] == "TH"
        assert gazetteer.locate("Chiang Mai", "PT") is None
        assert gazetteer.locate("Nowhere-on-earth") is None

    def test_country_and_coordinates_are_checked(self, tree):
        with pytest.raises(ValidationError) as error:
            editing.save_example(Example(), user=None, name="X", slug="x", country="XX")
        assert "country" in error.value.message_dict
        with pytest.raises(ValidationError) as error:
            editing.save_example(Example(), user=None, name="X", slug="x", latitude=10)
        assert "longitude" in error.value.message_dict
        with pytest.raises(ValidationError):
            editing.save_example(Example(), user=None, name="X", slug="x", latitude=91,
                                 longitude=0)
        example = editing.save_example(Example(), user=None, name="X", slug="x", country="pt",
                                       latitude=38.7223, longitude=-9.1393)
        example.refresh_from_db()
        assert example.country == "PT" and example.latitude == Decimal("38.72230")

    def test_form_fills_country_and_coordinates_from_the_place(self, tree):
        form = ExampleForm({"name": "Lisbon hub", "slug": "lisbon-hub", "status": "active",
                            "place": "Lisbon", "country": "", "latitude": "", "longitude": ""})
        assert form.is_valid(), form.errors
        assert form.cleaned_data["country"] == "PT"
        assert abs(form.cleaned_data["latitude"] - 38.72) < 0.1
        # A country the person chose wins; coordinates of another country's city are not used.
        form = ExampleForm({"name": "Paris, Texas", "slug": "paris-tx", "status": "active",
                            "place": "Paris", "country": "US", "latitude": "", "longitude": ""})
        assert form.is_valid()
        assert form.cleaned_data["country"] == "US"

    def test_form_asks_for_both_coordinates(self, tree):
        form = ExampleForm({"name": "Half", "slug": "half", "status": "active",
                            "place": "", "latitude": "10", "longitude": ""})
        assert not form.is_valid() and "longitude" in form.errors


class TestProposals:
    def test_country_coordinates_and_facets_are_proposable(self, tree, user, make_user, settings):
        # Fresh accounts vote here: who may vote is the trust tests' concern (tests/trust).
        settings.TRUST_REQUIRED_LEVELS = {**settings.TRUST_REQUIRED_LEVELS, "vote": "new"}
        from tests.proposals.conftest import accepted

        example = Example.objects.get(slug="chiang-mai-archipelago-2024")
        data = {name: example_fact(example, name) for name in EXAMPLE_FACTS}
        treasury = value("economic-models:shared-treasury")
        data.update(country="TH", latitude=18.8, longitude=99.0, facet_values=[treasury])
        proposal = open_proposal(kind=Kind.EDIT_EXAMPLE, data={**data, "example": example},
                                 proposer=user, reason="Sources say so.")
        assert set(proposal.payload["after"]) == {"latitude", "longitude", "facet_values"}
        rows = {r["label"]: r for r in proposal.preview["facts"]}
        assert rows["Facets"]["after"] == "Economic models: Shared treasury"
        accepted(proposal, [make_user(f"voter{i}") for i in range(3)])
        example.refresh_from_db()
        assert list(example.facet_values.all()) == [treasury]
        assert float(example.latitude) == 18.8
