"""The examples directory: every filter, sorting, the page itself, comparison, the unsourced list
and the gazetteer endpoint; bounded queries at 10,000 examples."""

from datetime import date

import pytest
from django.http import QueryDict

from taxonomy import editing
from taxonomy.directory import DirectoryFilter
from taxonomy.models import Example, TaxonomyNode

from .corpus import bulk_examples, load_corpus

pytestmark = pytest.mark.django_db


@pytest.fixture
def corpus(db):
    from .conftest import ensure_groups

    ensure_groups()
    return load_corpus()


def slugs(query):
    form = DirectoryFilter(QueryDict(query))
    return {example.slug for example in form.examples()}


class TestFilters:
    def test_no_filter_lists_every_active_example(self, corpus):
        editing.retire_example(corpus["praxis"], user=None)
        found = slugs("")
        assert "praxis" not in found
        assert len(found) == Example.objects.active().count() == 17

    def test_text(self, corpus):
        assert slugs("q=roat") == {"vitalia-2024", "prospera"}  # the place
        assert slugs("q=zuz") == {"zuzalu-2023"}

    def test_category_includes_descendants(self, corpus):
        small = slugs("category=small")
        assert {"zuzalu-2023", "network-school", "chiang-mai-archipelago-2024"} <= small
        assert "prospera" not in small
        assert slugs("category=small/hubs") == {"network-school", "rtl-hub"}
        # Two categories are alternatives.
        assert slugs("category=small/hubs&category=medium/startup-cities") == {
            "network-school", "rtl-hub", "prospera", "nandu"}

    def test_retired_category_does_not_count(self, corpus):
        hubs = TaxonomyNode.objects.get(path="small/hubs")
        editing.retire_node(hubs, user=None)
        assert slugs("scale=small") >= {"zuzalu-2023"}
        assert "network-school" not in slugs("scale=small")

    def test_scale(self, corpus):
        large = slugs("scale=large")
        assert large == {"praxis", "balajian-network-states", "chiang-mai-archipelago-2024"}
        assert "aleph-2024" in slugs("scale=small") and "aleph-2024" not in large

    def test_status(self, corpus):
        assert slugs("status=planned") == {"praxis", "nandu"}
        assert "auroville" in slugs("status=planned&status=active")

    def test_facets_or_within_and_across(self, corpus):
        physical = slugs("facet=implementation-layers:physical-layer")
        assert physical == {"zuzalu-2023", "vitalia-2024", "edge-city-lanna-2024"}
        either = slugs("facet=implementation-layers:physical-layer"
                       "&facet=implementation-layers:protocol-layer")
        assert either == physical | {"prospera"}
        both = slugs("facet=implementation-layers:physical-layer"
                     "&facet=economic-models:shared-treasury")
        assert both == {"edge-city-lanna-2024"}

    def test_country(self, corpus):
        assert slugs("country=HN") == {"vitalia-2024", "prospera"}
        assert slugs("country=HN&country=ME") == {"vitalia-2024", "prospera", "zuzalu-2023"}

    def test_years_active(self, corpus):
        in_2024 = slugs("active_from=2024&active_to=2024")
        # Ran in 2024; still going (no end, not past); started 2024 (no end).
        assert {"vitalia-2024", "edge-city-lanna-2024", "aleph-2024", "prospera",
                "network-school", "auroville", "script-village"} <= in_2024
        # Ended before 2024, starts after it, or has no dates.
        assert not {"zuzalu-2023", "zuconnect-2023", "nandu", "praxis"} & in_2024
        assert slugs("active_to=1965") == {"findhorn"}
        assert "zuzalu-2023" in slugs("active_from=2023&active_to=2023")

    def test_past_without_end_counts_its_start_year_only(self, corpus):
        editing.save_example(corpus["script-village"], user=None, end_date=None)
        assert "script-village" in slugs("active_from=2024&active_to=2024")
        assert "script-village" not in slugs("active_from=2025")

    def test_size_range(self, corpus):
        assert slugs("size_min=1000") == {"aleph-2024", "prospera", "auroville"}
        assert slugs("size_min=250&size_max=300") == {
            "vitalia-2024", "edge-city-lanna-2024", "network-school"}
        assert slugs("size_max=20") == {"script-village"}

    def test_has_sources(self, corpus):
        assert slugs("sources=yes") == {"zuzalu-2023"}
        assert "zuzalu-2023" not in slugs("sources=no")
        assert len(slugs("sources=no")) == 17

    def test_everything_at_once(self, corpus):
        assert slugs("category=small/pop-up-villages&active_from=2024&active_to=2024"
                     "&country=TH") == {"edge-city-lanna-2024", "chiang-mai-archipelago-2024"}

    @pytest.mark.parametrize("query", [
        "size_min=lots", "active_from=99999", "country=XX", "category=nowhere", "sort=evil",
        "facet=%00", "status=gone", "q=" + "x" * 500, "page=-1&size_max=-5",
    ])
    def test_invalid_parameters_are_ignored(self, corpus, query):
        form = DirectoryFilter(QueryDict(query))
        assert form.errors
        assert len(slugs(query)) == 18

    def test_of_two_inconsistent_bounds_the_first_applies(self, corpus):
        assert slugs("size_min=1000&size_max=1") == slugs("size_min=1000")
        assert slugs("active_from=2025&active_to=2020") == slugs("active_from=2025")

    def test_sorting_nulls_last_both_ways(self, corpus):
        by_size = [e.slug for e in DirectoryFilter(QueryDict("sort=size")).examples()]
        assert by_size[0] == "script-village" and by_size[-1] in {
            "praxis", "nandu", "no-facts", "balajian-network-states",
            "chiang-mai-archipelago-2024"}
        desc = [e.slug for e in DirectoryFilter(QueryDict("sort=-size")).examples()]
        assert desc[:2] == ["auroville", "prospera"]
        assert desc.index("script-village") < desc.index("praxis")  # nulls last again
        by_start = [e.slug for e in DirectoryFilter(QueryDict("sort=start")).examples()]
        assert by_start[0] == "findhorn"


class TestDirectoryPage:
    def test_table_keeps_state_and_escapes(self, client, corpus):
        html = client.get("/examples/?country=TH&sort=-start").content.decode()
        assert "Edge City Lanna" in html and "Zuzalu" not in html
        assert 'aria-sort="descending"' in html
        assert "Country: Thailand" in html  # a chip that removes the filter
        assert 'href="/examples/-/export.xlsx?country=TH&amp;sort=-start"' in html
        html = client.get("/examples/").content.decode()
        assert "<script>alert(1)" not in html and "&lt;script&gt;alert(1)" in html

    def test_sort_link_reverses_the_current_sort(self, client, corpus):
        html = client.get("/examples/?sort=size").content.decode()
        assert 'href="?sort=-size"' in html
        assert 'href="?sort=name"' in html

    def test_pages(self, client, corpus, settings):
        settings.DATASET_PAGE_SIZE = 5
        first = client.get("/examples/").content.decode()
        assert "1–5 shown" in first and "page=2" in first
        last = client.get("/examples/?page=99").content.decode()
        assert "16–18 shown" in last

    def test_bounded_queries_at_ten_thousand(self, client, corpus, django_assert_max_num_queries):
        bulk_examples(10_000)
        # Filters' choices (2), count, page, categories, facet values.
        with django_assert_max_num_queries(7):
            response = client.get("/examples/?scale=small&active_from=2005&sort=-size")
        assert response.status_code == 200
        with django_assert_max_num_queries(7):
            client.get("/examples/?facet=economic-models:shared-treasury&sources=no&page=3")

    def test_nav_names_the_directory(self, client, corpus):
        html = client.get("/examples/").content.decode()
        assert '<a href="/examples/" aria-current="page">Examples</a>' in html


class TestCompare:
    def test_two_side_by_side_with_differences(self, client, corpus):
        response = client.get("/examples/-/compare/?e=edge-city-lanna-2024"
                              "&e=chiang-mai-archipelago-2024")
        html = response.content.decode()
        assert response.status_code == 200
        rows = {row.label: row for row in response.context["rows"]}
        assert rows["Country"].differs is False  # both in Thailand
        assert rows["Dates"].differs is True
        assert html.count("tx-differs__mark") == sum(r.differs for r in rows.values())

    def test_five_at_most_and_two_at_least(self, client, corpus):
        six = "&".join(f"e={slug}" for slug in list(corpus)[:6])
        response = client.get(f"/examples/-/compare/?{six}")
        assert "at most 5" in response.content.decode()
        assert len(response.context["examples"]) == 5
        one = client.get("/examples/-/compare/?e=zuzalu-2023&e=zuzalu-2023&e=nope")
        assert "Choose 2 to 5" in one.content.decode()
        assert one.context["rows"] == []

    def test_retired_examples_are_not_compared(self, client, corpus):
        editing.retire_example(corpus["aleph-2024"], user=None)
        response = client.get("/examples/-/compare/?e=aleph-2024&e=zuzalu-2023")
        assert [e.slug for e in response.context["examples"]] == ["zuzalu-2023"]


class TestUnsourced:
    def test_lists_facts_without_sources(self, client, corpus):
        html = client.get("/examples/-/unsourced/?fact=dates").content.decode()
        assert "Vitalia 2024" in html
        assert "Zuzalu<" not in html  # its dates are cited
        html = client.get("/examples/-/unsourced/?fact=size").content.decode()
        assert "Praxis" not in html  # states no size

    def test_every_fact_sourced_leaves_the_list(self, client, corpus):
        example = corpus["no-facts"]
        html = client.get("/examples/-/unsourced/").content.decode()
        assert "An example with no facts" in html  # its status is a fact
        editing.save_example(example, user=None, citations=[
            {"fact": "status", "url": "https://example.org/status"}])
        html = client.get("/examples/-/unsourced/").content.decode()
        assert "An example with no facts" not in html


class TestPlaces:
    def test_suggestions_need_an_account(self, db, editor_client):
        from django.test import Client

        assert Client().get("/examples/-/places.json?q=chiang").status_code == 302
        results = editor_client.get("/examples/-/places.json?q=chiang m").json()["results"]
        assert results[0]["name"] == "Chiang Mai"
        assert results[0]["country"] == "TH" and results[0]["country_name"] == "Thailand"
        assert abs(results[0]["latitude"] - 18.79) < 0.1

    def test_short_or_hostile_queries(self, editor_client):
        assert editor_client.get("/examples/-/places.json?q=c").json() == {"results": []}
        assert editor_client.get("/examples/-/places.json?q=%00%27--").json() == {"results": []}


def test_example_dates_used_by_filters_are_real_dates(corpus):
    assert corpus["zuzalu-2023"].start_date == date(2023, 3, 25)
