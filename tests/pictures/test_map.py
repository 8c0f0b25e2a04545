"""The world map of examples: where each example lands, how marks merge, the page and its text
alternative, filters, hostile names, and a bounded number of queries at 10,000 examples."""

from decimal import Decimal

import pytest
from django.utils.text import slugify

from pictures.geo import world
from pictures.map import build
from taxonomy.models import Example

from .data import place_examples, sample_tree

pytestmark = pytest.mark.django_db


def example(name, **fields):
    return Example.objects.create(name=name, slug=slugify(name), **fields)


def test_examples_land_at_their_coordinates_or_their_country():
    example("Zuzalu", country="ME", latitude=Decimal("42.43"), longitude=Decimal("18.70"))
    example("Somewhere in Brazil", country="BR")
    example("Valletta hub", country="MT")  # too small for the 1:110m shapes
    example("Nowhere")
    picture = build(Example.objects.active())
    assert (picture.total, picture.by_coordinates, picture.by_country, picture.unplaced) == (
        4, 1, 1, 2)
    points = {mark.examples[0][0]: (mark.x, mark.y) for mark in picture.marks}
    assert points["Zuzalu"] == world().project(18.70, 42.43)
    assert points["Somewhere in Brazil"] == world().by_iso["BR"].point
    rows = {row.iso: row for row in picture.rows}
    assert rows["MT"].drawn is False and rows["BR"].drawn is True
    assert "Nowhere" not in points


def test_examples_close_together_share_one_bigger_mark():
    for i in range(12):
        example(f"Chiang Mai {i}", country="TH", latitude=Decimal("18.79"),
                longitude=Decimal("98.98") + Decimal(i) / 100)
    example("Bangkok", country="TH", latitude=Decimal("13.75"), longitude=Decimal("100.50"))
    picture = build(Example.objects.active())
    assert sorted(mark.count for mark in picture.marks) == [1, 12]
    big = max(picture.marks, key=lambda mark: mark.count)
    assert big.radius > 8 and "12 examples in Thailand" in big.words()
    # The mark sits at the middle of its examples.
    middle = sum(world().project(98.98 + i / 100, 18.79)[0] for i in range(12)) / 12
    assert abs(big.x - middle) < 0.2


def test_map_page_draws_countries_marks_and_a_table_in_words(client):
    sample_tree()
    example("Zuzalu", country="ME", status="past", latitude=Decimal("42.43"),
            longitude=Decimal("18.70"))
    example('<img src=x onerror=alert(1)> "Hub"', country="ME")
    response = client.get("/examples/-/map/")
    html = response.content.decode()
    assert response.status_code == 200
    assert html.count('class="pm-country') >= 170
    assert 'aria-label="Montenegro: 2 examples"' in html
    assert 'href="/examples/?country=ME"' in html
    assert "<img src=x" not in html and "&lt;img src=x onerror=alert(1)&gt;" in html
    assert "<title id=\"pm-title\">Map of 2 examples</title>" in html
    assert " style=" not in html and "<style" not in html
    assert "Natural Earth" in html


def test_map_takes_the_directorys_filters(client):
    sample_tree()
    example("Zuzalu", country="ME", status="past")
    example("Vitalia", country="HN", status="active")
    html = client.get("/examples/-/map/?status=active").content.decode()
    assert "Honduras" in html and "Montenegro" not in html
    assert "Filtered:" in html and 'href="/examples/?status=active"' in html
    assert 'href="/examples/-/timeline/?status=active"' in html


def test_map_makes_a_bounded_number_of_queries_at_10000_examples(
        client, django_assert_max_num_queries):
    place_examples(10_000, sample_tree())
    with django_assert_max_num_queries(6):
        response = client.get("/examples/-/map/?page=1")
    assert response.status_code == 200
    assert "10,000 examples" in response.content.decode()


def test_directory_links_to_the_map_and_the_timeline_with_its_filters(client):
    sample_tree()
    html = client.get("/examples/?status=past&country=TH").content.decode()
    assert 'href="/examples/-/map/?status=past&amp;country=TH"' in html
    assert 'href="/examples/-/timeline/?status=past&amp;country=TH"' in html
