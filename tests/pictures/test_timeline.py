"""The timeline: which years an example counts in, the bars' shapes and order, pages, the text
alternative, filters, and a bounded number of queries at 10,000 examples."""

from datetime import date

import pytest
from django.utils.text import slugify

from pictures.timeline import PER_PAGE, build, years_active
from taxonomy.models import Example

from .data import place_examples, sample_tree

pytestmark = pytest.mark.django_db
TODAY = date(2026, 11, 30)


def example(name, **fields):
    return Example.objects.create(name=name, slug=slugify(name), **fields)


def test_years_an_example_counts_in():
    assert list(years_active("past", date(2023, 3, 1), date(2024, 5, 1), 2026)) == [2023, 2024]
    assert list(years_active("active", date(2024, 1, 1), None, 2026)) == [2024, 2025, 2026]
    assert list(years_active("past", date(2019, 1, 1), None, 2026)) == [2019]  # end not known
    assert list(years_active("planned", date(2028, 1, 1), None, 2026)) == [2028]


def test_rows_run_from_start_to_end_in_order_and_undated_ones_are_counted():
    example("Zuzalu", status="past", start_date=date(2023, 3, 25), end_date=date(2023, 5, 25))
    example("Prospera", status="active", start_date=date(2020, 1, 1))
    example("Next village", status="planned", start_date=date(2027, 6, 1))
    example("Undated", status="active")
    picture = build(Example.objects.active(), today=TODAY)
    assert [row.name for row in picture.rows] == ["Prospera", "Zuzalu", "Next village"]
    prospera, zuzalu, planned = picture.rows
    assert prospera.open_ended and prospera.x2 == picture.today_x
    assert not zuzalu.open_ended and zuzalu.x1 < zuzalu.x2 < prospera.x2
    assert planned.x1 > picture.today_x
    assert (picture.first_year, picture.last_year, picture.undated) == (2020, 2027, 1)
    counts = {year.year: year.count for year in picture.years}
    assert counts[2023] == 2 and counts[2021] == 1 and counts[2027] == 1
    assert "since 1 January 2020" in prospera.words


def test_timeline_page_pages_its_rows_and_keeps_the_filters(client):
    sample_tree()
    for i in range(PER_PAGE + 5):
        example(f"Village {i:02d}", status="past", start_date=date(2010 + i % 10, 1, 1),
                end_date=date(2012 + i % 10, 1, 1))
    example("Active one", status="active", start_date=date(2015, 1, 1))
    first = client.get("/examples/-/timeline/?status=past").content.decode()
    assert "Page 1 of 2" in first and "Active one" not in first
    assert 'href="?status=past&amp;page=2"' in first
    second = client.get("/examples/-/timeline/?status=past&page=2").content.decode()
    assert "Examples 41–45 of 45" in second
    assert " style=" not in second and "<style" not in second


def test_timeline_escapes_names_and_says_everything_in_words(client):
    sample_tree()
    example('<script>alert("t")</script>', status="active", start_date=date(2024, 2, 1))
    html = client.get("/examples/-/timeline/").content.decode()
    assert "<script>alert" not in html and "&lt;script&gt;alert" in html
    assert "still going" in html and "Examples going on each year" in html
    assert '<title id="pt-rows-title">' in html and 'aria-labelledby="pt-rows-title' in html


def test_timeline_makes_a_bounded_number_of_queries_at_10000_examples(
        client, django_assert_max_num_queries):
    place_examples(10_000, sample_tree())
    for url in ["/examples/-/timeline/", "/examples/-/timeline/?page=100",
                "/examples/-/timeline/?country=TH&active_from=2010"]:
        with django_assert_max_num_queries(6):
            assert client.get(url).status_code == 200
