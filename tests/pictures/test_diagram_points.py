"""Examples on the scale diagram (taxonomy.diagram): each at its size on its category's row,
shaped by its status, near ones merged, in the text alternative too; bounded queries."""

import pytest
from django.utils.text import slugify

from taxonomy.diagram import build, example_sizes, x_for
from taxonomy.models import Example, TaxonomyNode

from .data import place_examples, sample_tree

pytestmark = pytest.mark.django_db


def nodes():
    return list(TaxonomyNode.objects.active().order_by("tree_id", "lft"))


def example(name, size, status, *under):
    created = Example.objects.create(name=name, slug=slugify(name), size=size,
                                     status=status)
    created.nodes.add(*under)
    return created


def test_examples_are_marks_at_their_size_on_their_categorys_row():
    small, villages, hubs, large, states = sample_tree()
    example("Zuzalu", 200, "past", villages)
    example("A hub", 30, "active", hubs)  # a sub-category: marked on its category's row
    example("A state", 5_000_000, "planned", states)
    example("No size", None, "active", villages)
    diagram = build(nodes(), example_sizes())
    marks = {point.examples[0][0]: point for point in diagram.points}
    assert set(marks) == {"Zuzalu", "A hub", "A state"}
    assert marks["Zuzalu"].x == x_for(200) and marks["Zuzalu"].bar.node == villages
    assert marks["A hub"].bar.node == villages
    assert marks["A state"].bar.node == states
    svg = diagram.points_svg()
    assert 'class="txd-point txd-point--past"' in svg and "<rect" in svg
    assert 'class="txd-point txd-point--planned"' in svg
    assert 'aria-label="Zuzalu: 200 people, past"' in svg


def test_near_marks_of_one_status_merge_and_retired_examples_are_left_out():
    _small, villages, *_ = sample_tree()
    for i in range(5):
        example(f"Village {i}", 200 + i, "active", villages)
    example("Village past", 201, "past", villages)
    gone = example("Gone", 5000, "active", villages)
    gone.retired_at = gone.created_at
    gone.save()
    diagram = build(nodes(), example_sizes())
    assert sorted((p.status, p.count) for p in diagram.points) == [("active", 5), ("past", 1)]
    merged = next(p for p in diagram.points if p.count == 5)
    assert "5 active examples in Pop-up villages" in diagram.points_svg()
    assert merged.bar.url in diagram.points_svg()
    assert "6 (200–204 people)" in diagram.table_rows()


def test_taxonomy_page_draws_the_marks_with_a_legend(client):
    _small, villages, *_ = sample_tree()
    example('Zuzalu <b>"2023"</b>', 200, "past", villages)
    html = client.get("/taxonomy/").content.decode()
    assert "txd-point--past" in html and "active example" in html
    assert "<b>&quot;2023" not in html and "Zuzalu &lt;b&gt;" in html
    assert "Examples with a size" in html


def test_diagram_makes_a_bounded_number_of_queries_at_10000_examples(
        client, django_assert_max_num_queries):
    tree = sample_tree()
    place_examples(10_000, tree)
    with django_assert_max_num_queries(6):
        diagram = build(nodes(), example_sizes())
    assert sum(p.count for p in diagram.points) > 5_000
    assert len(diagram.points) < 400  # merged: the page stays small
    with django_assert_max_num_queries(12):
        response = client.get("/taxonomy/")
    assert "All 10000 examples in the directory" in response.content.decode()
    assert len(response.content) < 400_000
