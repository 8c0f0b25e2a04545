"""The taxonomy admin goes through taxonomy.editing: every add and change form posted, valid and
invalid; no 500, history, redirects and merging as on the site."""

import pytest

from taxonomy.models import Action, Change, Example, NodeRedirect, TaxonomyNode
from tests.taxonomy.test_stale_edits import node_post

pytestmark = pytest.mark.django_db

NODES = "/admin/taxonomy/taxonomynode/"
EXAMPLES = "/admin/taxonomy/example/"


def errors_of(response):
    form = response.context["adminform"].form
    return {name: list(errors) for name, errors in form.errors.items()}


def test_forms_render(tree, admin_client):
    node = tree["small/pop-up-villages"]
    for url in (NODES, NODES + "add/", f"{NODES}{node.pk}/change/", EXAMPLES, EXAMPLES + "add/"):
        assert admin_client.get(url).status_code == 200, url


def test_add_node_records_history(tree, admin_client, admin_user):
    data = {**node_post(tree["small/hubs"]), "name": "Co-living", "slug": "co-living",
            "version": "", "reason": "Missing"}
    response = admin_client.post(NODES + "add/", data)
    assert response.status_code == 302, errors_of(response)
    node = TaxonomyNode.objects.get(path="small/co-living")
    change = node.changes.get()
    assert (change.action, change.user, change.reason) == (Action.CREATED, admin_user, "Missing")


@pytest.mark.parametrize(("changes", "field"), [
    ({"slug": "Not a slug"}, "slug"),
    ({"slug": "hubs"}, "slug"),  # a sibling's
    ({"size_min": "500", "size_max": "5"}, "size_max"),
    ({"order": "2147483648"}, "order"),
    ({"name": ""}, "name"),
])
def test_refused_adds_are_form_errors(tree, admin_client, changes, field):
    data = {**node_post(tree["small/hubs"]), "name": "New", "slug": "new", "version": "",
            **changes}
    count = TaxonomyNode.objects.count()
    response = admin_client.post(NODES + "add/", data)
    assert response.status_code == 200 and field in errors_of(response)
    assert TaxonomyNode.objects.count() == count


def test_node_edited_in_the_admin_shows_in_history_and_redirects(tree, admin_client, client):
    node = tree["small/pop-up-villages"]
    child_count = node.get_descendant_count()
    data = node_post(node, slug="popups", parent=tree["medium"].pk, summary="Moved here")
    response = admin_client.post(f"{NODES}{node.pk}/change/", data)
    assert response.status_code == 302, errors_of(response)
    node.refresh_from_db()
    assert node.path == "medium/popups" and node.get_descendant_count() == child_count
    change = node.changes.order_by("-version").first()
    assert change.action == Action.MOVED and {"slug", "parent", "summary"} <= set(change.changes)
    assert NodeRedirect.objects.filter(old_path="small/pop-up-villages", node=node).exists()
    moved = client.get("/taxonomy/small/pop-up-villages/")
    assert moved.status_code == 301 and moved["Location"] == "/taxonomy/medium/popups/"
    history = client.get(f"/taxonomy/-/{node.pk}/history/").content.decode()
    assert "Moved here" in history or "popups" in history


def test_a_move_under_its_own_child_is_a_form_error(tree, admin_client):
    node = tree["small"]
    child = node.get_children().first()
    data = node_post(node, parent=child.pk)
    response = admin_client.post(f"{NODES}{node.pk}/change/", data)
    assert response.status_code == 200 and "parent" in errors_of(response)
    node.refresh_from_db()
    assert node.path == "small"


def test_stale_admin_edit_merges_or_reports_the_conflict(tree, admin_client, editor):
    from taxonomy import editing

    node = tree["small/pop-up-villages"]
    stale = node_post(node)
    editing.update_node(node, user=editor, summary="Theirs.")
    merged = admin_client.post(f"{NODES}{node.pk}/change/", {**stale, "description": "Mine."})
    assert merged.status_code == 302
    node.refresh_from_db()
    assert (node.summary, node.description) == ("Theirs.", "Mine.")
    conflict = admin_client.post(f"{NODES}{node.pk}/change/", {**stale, "summary": "Mine."})
    assert conflict.status_code == 200
    assert "__all__" in errors_of(conflict) and "Theirs." in conflict.content.decode()
    node.refresh_from_db()
    assert node.summary == "Theirs."


def example_post(**changes):
    return {"name": "Zuzalu test", "slug": "zuzalu-test", "summary": "", "description": "",
            "website": "", "place": "", "start_date": "", "end_date": "", "size": "",
            "status": "past", "page_path": "", "version": "", "reason": "", **changes}


def test_examples_add_and_change_through_the_service(tree, admin_client, admin_user):
    nodes = [tree["small/pop-up-villages"].pk]
    response = admin_client.post(EXAMPLES + "add/", example_post(nodes=nodes))
    assert response.status_code == 302, errors_of(response)
    example = Example.objects.get(slug="zuzalu-test")
    assert list(example.nodes.values_list("pk", flat=True)) == nodes
    assert example.changes.get().action == Action.CREATED
    data = example_post(nodes=nodes, place="Montenegro", description="*Pop-up* city",
                        version=example.version)
    response = admin_client.post(f"{EXAMPLES}{example.pk}/change/", data)
    assert response.status_code == 302, errors_of(response)
    example.refresh_from_db()
    assert example.place == "Montenegro" and "<em>Pop-up</em>" in example.description_html
    assert Change.objects.filter(example=example).count() == 2


@pytest.mark.parametrize(("changes", "field"), [
    ({"slug": "bad slug"}, "slug"),
    ({"start_date": "2024-05-01", "end_date": "2023-01-01"}, "end_date"),
    ({"website": "javascript:alert(1)"}, "website"),
    ({"size": "-4"}, "size"),
    ({"nodes": ["999999999999999999999"]}, "nodes"),
])
def test_refused_examples_are_form_errors(tree, admin_client, changes, field):
    count = Example.objects.count()
    response = admin_client.post(EXAMPLES + "add/", example_post(**changes))
    assert response.status_code == 200 and field in errors_of(response)
    assert Example.objects.count() == count


def test_retire_and_restore_actions_go_through_the_service(tree, admin_client):
    node = tree["small/pop-up-villages"]
    leaf = node.get_descendants().filter(children__isnull=True).first() or node
    admin_client.post(NODES, {"action": "retire_selected", "_selected_action": [leaf.pk]})
    leaf.refresh_from_db()
    assert leaf.is_retired and leaf.changes.filter(action=Action.RETIRED).exists()
    admin_client.post(NODES, {"action": "restore_selected", "_selected_action": [leaf.pk]})
    leaf.refresh_from_db()
    assert not leaf.is_retired


def test_facets_and_values_go_through_the_service(tree, admin_client):
    from taxonomy.models import Facet, FacetValue

    response = admin_client.post("/admin/taxonomy/facet/add/", {
        "name": "Governance", "slug": "governance", "description": "", "order": 40,
        "version": "", "reason": "From the admin"})
    assert response.status_code == 302, errors_of(response)
    facet = Facet.objects.get(slug="governance")
    assert facet.changes.get().reason == "From the admin"
    response = admin_client.post("/admin/taxonomy/facetvalue/add/", {
        "facet": facet.pk, "name": "Liquid democracy", "slug": "liquid-democracy",
        "description": "", "order": 0, "version": "", "reason": ""})
    assert response.status_code == 302, errors_of(response)
    value = FacetValue.objects.get(slug="liquid-democracy")
    response = admin_client.post(f"/admin/taxonomy/facetvalue/{value.pk}/change/", {
        "facet": Facet.objects.get(slug="economic-models").pk, "name": "Liquid democracy",
        "slug": "Bad slug", "description": "", "order": 0, "version": value.version,
        "reason": ""})
    assert response.status_code == 200 and "slug" in errors_of(response)
    response = admin_client.post(f"/admin/taxonomy/facetvalue/{value.pk}/change/", {
        "name": "Liquid democracy", "slug": "liquid", "description": "", "order": 0,
        "version": value.version, "reason": ""})
    assert response.status_code == 302, errors_of(response)
    value.refresh_from_db()
    assert value.slug == "liquid" and value.facet == facet  # it stays in its facet
    assert value.changes.count() == 2


def test_example_facts_of_the_dataset_in_the_admin(tree, admin_client):
    from taxonomy.models import FacetValue

    treasury = FacetValue.objects.get(slug="shared-treasury")
    response = admin_client.post(EXAMPLES + "add/", example_post(
        nodes=[tree["small/hubs"].pk], place="Lisbon", country="", latitude="", longitude="",
        facet_values=[treasury.pk]))
    assert response.status_code == 302, errors_of(response)
    example = Example.objects.get(slug="zuzalu-test")
    assert example.country == "PT" and example.latitude is not None
    assert list(example.facet_values.all()) == [treasury]
