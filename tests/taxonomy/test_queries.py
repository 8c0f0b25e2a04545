"""Pages make a bounded number of queries whatever the size of the tree."""

from django.db import connection
from django.test.utils import CaptureQueriesContext

from taxonomy.models import Example, TaxonomyNode

from .conftest import build_wide_tree


def count_queries(client, url):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries)


def add_examples(count):
    categories = list(TaxonomyNode.objects.filter(level=2)[:count])
    for i, node in enumerate(categories):
        example = Example.objects.create(name=f"Example {i}", slug=f"example-{i}")
        example.nodes.add(node)


def test_index_same_queries_for_10_and_1000_nodes(client, db, django_assert_num_queries):
    build_wide_tree(6)  # 10 nodes
    add_examples(3)
    small = count_queries(client, "/taxonomy/")
    Example.objects.all().delete()
    for level in (2, 1, 0):
        TaxonomyNode.objects.filter(level=level).delete()
    build_wide_tree(996)  # 1,000 nodes
    add_examples(200)
    assert TaxonomyNode.objects.count() == 1000
    with django_assert_num_queries(small):
        response = client.get("/taxonomy/")
    assert response.content.decode().count('class="tx-row"') == 999


def test_signed_in_index_is_bounded_too(editor_client, db, django_assert_max_num_queries):
    build_wide_tree(300)
    # The tree, the examples marked on the diagram, the latest examples and their count, the
    # session, the person, their roles, the unread notifications and the forum's unread count.
    with django_assert_max_num_queries(10):
        editor_client.get("/taxonomy/")


def test_node_page_bounded(client, db, django_assert_max_num_queries):
    build_wide_tree(30)
    add_examples(30)
    few = count_queries(client, "/taxonomy/small/")
    build_more = list(TaxonomyNode.objects.filter(path="small"))[0]
    for i in range(40):
        e = Example.objects.create(name=f"More {i}", slug=f"more-{i}")
        e.nodes.add(build_more)
    with django_assert_max_num_queries(few):
        client.get("/taxonomy/small/")
    # One of them the open proposals on the Discussion tab, one the category's defining values.
    assert few <= 10


def test_example_page_and_json_bounded(client, db, django_assert_max_num_queries):
    build_wide_tree(60)
    add_examples(60)
    example = Example.objects.first()
    example.nodes.add(*TaxonomyNode.objects.filter(level=2))
    # Example, its categories, article, changes, and the Discussion tab's threads, count, and
    # general board, its facet values and its citations: a fixed number, whatever the number
    # of categories.
    with django_assert_max_num_queries(11):
        client.get(example.get_absolute_url())
    with django_assert_max_num_queries(4):
        client.get("/taxonomy.json")


def test_scales_with_categories_is_one_query(db, django_assert_num_queries):
    build_wide_tree(90)
    with django_assert_num_queries(1):
        scales = TaxonomyNode.objects.scales_with_categories()
    assert [s.slug for s in scales] == ["small", "medium", "large"]
    assert sum(len(s.categories) for s in scales) == 90
