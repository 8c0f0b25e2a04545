"""Browsing, JSON, permissions and editing through the web."""

import pytest
from django.urls import reverse

from taxonomy.models import Change, Example, TaxonomyNode
from taxonomy.permissions import can_view, viewable_examples, viewable_nodes


def test_index_shows_scales_categories_examples_and_diagram(client, tree):
    html = client.get("/taxonomy/").content.decode()
    for name in [
        "Small",
        "Medium",
        "Large",
        "Pop-up villages",
        "Hubs",
        "Pop-up cities",
        "Startup cities",
        "Intentional communities",
        "Network states",
        "Nations",
        "Chiang Mai Archipelago 2024",
        "Balajian network states",
    ]:
        assert name in html
    assert "<svg" in html and 'href="/taxonomy/small/hubs/"' in html
    assert "The picture in words" in html


def test_diagram_escapes_names(client, tree, editor):
    from taxonomy import editing

    editing.update_node(tree["small/hubs"], user=editor, name='<script>alert(1)</script>"&')
    html = client.get("/taxonomy/").content.decode()
    assert "<script>alert(1)</script>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html


def test_node_page(client, tree):
    response = client.get("/taxonomy/small/pop-up-villages/")
    html = response.content.decode()
    assert response.status_code == 200
    assert "Temporary villages/towns/cities" in html
    assert "50–300 people" in html and "Temporary" in html
    assert "Chiang Mai Archipelago 2024" in html
    # The article does not exist yet: an invitation to write it, never a red link.
    assert "Nobody has written the article about Pop-up villages yet" in html
    assert "Sign in to write it" in html and "redlink" not in html
    assert 'aria-label="Breadcrumbs"' in html


def test_node_page_shows_existing_wiki_page_excerpt(client, tree, editor):
    from wiki.editing import save_page

    save_page(
        path="network-societies/pop-ups",
        title="Pop Ups",
        markdown="Villages **that pop up**.",
        author=editor,
    )
    html = client.get("/taxonomy/small/pop-up-villages/").content.decode()
    assert "Villages <strong>that pop up</strong>." in html
    assert "Nobody has written the article" not in html


def test_old_path_redirects_after_move(client, tree, editor):
    from taxonomy import editing

    editing.update_node(tree["small/hubs"], user=editor, parent=tree["medium"])
    response = client.get("/taxonomy/small/hubs/")
    assert response.status_code == 301 and response["Location"] == "/taxonomy/medium/hubs/"
    response = client.get("/taxonomy/small/hubs.json")
    assert response.status_code == 301 and response["Location"] == "/taxonomy/medium/hubs.json"
    assert client.get("/taxonomy/nowhere/").status_code == 404


def test_example_page(client, tree):
    html = client.get("/examples/balajian-network-states/").content.decode()
    assert "https://docs.sove.re/sheet/#/3/sheet/edit/ce2a6be7892e3bf3900f5c1677c7e2fe/" in html
    assert "Network states" in html


def test_json(client, tree):
    data = client.get("/taxonomy.json").json()
    assert data["name"] == "Network societies"
    small = data["children"][0]
    assert small["path"] == "small" and small["url"].endswith("/taxonomy/small/")
    villages = small["children"][0]
    assert villages["size"] == {"min": 50, "max": 300}
    assert villages["examples"][0]["url"].endswith("/examples/chiang-mai-archipelago-2024/")
    node = client.get("/taxonomy/large.json").json()
    assert [c["slug"] for c in node["children"]][-1] == "nations"


def test_not_editor_cannot_edit(client, user_client, tree):
    hubs = tree["small/hubs"]
    edit_url = reverse("taxonomy:node_edit", args=[hubs.pk])
    assert user_client.get(edit_url).status_code == 403
    assert (
        user_client.post(
            edit_url, {"name": "X", "slug": "x", "parent": tree["medium"].pk, "order": 0}
        ).status_code
        == 403
    )
    assert user_client.post(reverse("taxonomy:node_retire", args=[hubs.pk])).status_code == 403
    client.logout()
    assert client.get(edit_url).status_code == 302
    assert TaxonomyNode.objects.get(pk=hubs.pk).path == "small/hubs"


def test_no_get_changes_data(editor_client, tree):
    hubs = tree["small/hubs"]
    assert editor_client.get(reverse("taxonomy:node_retire", args=[hubs.pk])).status_code == 405
    change = Change.objects.first()
    assert editor_client.get(reverse("taxonomy:revert", args=[change.pk])).status_code == 405
    assert not TaxonomyNode.objects.get(pk=hubs.pk).is_retired


def node_form_data(node, **changes):
    data = {
        "name": node.name,
        "slug": node.slug,
        "parent": node.parent_id,
        "summary": node.summary,
        "description": node.description,
        "size_min": node.size_min or "",
        "size_max": node.size_max or "",
        "permanence": node.permanence,
        "page_path": node.page_path,
        "order": node.order,
        "reason": "",
    }
    data.update(changes)
    return data


def test_editor_moves_a_node_through_the_form(editor_client, tree):
    hubs = tree["small/hubs"]
    url = reverse("taxonomy:node_edit", args=[hubs.pk])
    response = editor_client.post(url, node_form_data(hubs, parent=tree["medium"].pk, reason="Why"))
    assert response.status_code == 302 and response["Location"] == "/taxonomy/medium/hubs/"
    history = editor_client.get(reverse("taxonomy:node_history", args=[hubs.pk])).content.decode()
    assert "Moved" in history and "medium" in history and "Why" in history


@pytest.mark.parametrize(
    "changes, message",
    [
        ({"slug": "pop-up-villages"}, "already uses the slug"),
        ({"size_min": 1000, "size_max": 10}, "smaller than the smallest"),
        ({"slug": "Bad Slug!"}, "slug"),
        ({"page_path": "taxonomy/x"}, "belong to the site"),
    ],
)
def test_bad_input_in_the_form_gives_a_message_and_changes_nothing(
    editor_client, tree, changes, message
):
    hubs = tree["small/hubs"]
    before = list(TaxonomyNode.objects.values_list("pk", "path", "slug", "size_min", "lft"))
    response = editor_client.post(
        reverse("taxonomy:node_edit", args=[hubs.pk]), node_form_data(hubs, **changes)
    )
    assert response.status_code == 200
    assert message in response.content.decode()
    assert list(TaxonomyNode.objects.values_list("pk", "path", "slug", "size_min", "lft")) == before


def test_cycle_is_refused_by_the_form(editor_client, tree):
    small = tree["small"]
    response = editor_client.post(
        reverse("taxonomy:node_edit", args=[small.pk]),
        node_form_data(small, parent=tree["small/hubs"].pk),
    )
    assert response.status_code == 200 and "errorlist" in response.content.decode()
    assert TaxonomyNode.objects.get(pk=small.pk).path == "small"


def test_editor_adds_and_retires_and_reverts(editor_client, tree):
    response = editor_client.post(
        reverse("taxonomy:node_add"),
        {
            "name": "Villages of villages",
            "slug": "vov",
            "parent": tree["small"].pk,
            "order": 5,
            "permanence": "evolving",
            "size_min": 100,
            "size_max": 900,
        },
    )
    node = TaxonomyNode.objects.get(path="small/vov")
    assert response["Location"] == "/taxonomy/small/vov/"
    editor_client.post(reverse("taxonomy:node_retire", args=[node.pk]), {"reason": "Duplicate"})
    assert TaxonomyNode.objects.get(pk=node.pk).is_retired
    retire = node.changes.first()
    assert retire.reason == "Duplicate"
    editor_client.post(reverse("taxonomy:revert", args=[retire.pk]))
    assert not TaxonomyNode.objects.get(pk=node.pk).is_retired


def test_editor_adds_and_edits_an_example(editor_client, tree):
    response = editor_client.post(
        reverse("taxonomy:example_add"),
        {
            "name": "Zuzalu",
            "slug": "zuzalu",
            "status": "past",
            "nodes": [tree["small/pop-up-villages"].pk],
            "website": "https://zuzalu.city",
            "start_date": "2023-03-25",
            "end_date": "2023-05-25",
        },
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    zuzalu = Example.objects.get(slug="zuzalu")
    assert list(zuzalu.nodes.values_list("path", flat=True)) == ["small/pop-up-villages"]
    response = editor_client.post(
        reverse("taxonomy:example_add"),
        {
            "name": "Bad",
            "slug": "bad",
            "status": "past",
            "start_date": "2023-05-25",
            "end_date": "2023-03-25",
        },
    )
    assert response.status_code == 200 and "before the start date" in response.content.decode()
    assert not Example.objects.filter(slug="bad").exists()


def test_retired_nodes_are_hidden_from_others_but_not_editors(client, editor, user, tree):
    from taxonomy import editing

    hubs = tree["small/hubs"]
    editing.retire_node(hubs, user=editor)
    hubs.refresh_from_db()
    assert client.get("/taxonomy/small/hubs/").status_code == 404
    client.force_login(editor)
    assert client.get("/taxonomy/small/hubs/").status_code == 200


def test_permission_policy_object_check_and_queryset_agree(tree, user, editor):
    from django.contrib.auth.models import AnonymousUser

    from taxonomy import editing

    editing.retire_node(tree["small/hubs"], user=editor)
    editing.retire_example(Example.objects.get(slug="balajian-network-states"), user=editor)
    for person in (AnonymousUser(), user, editor):
        nodes = set(viewable_nodes(person))
        assert nodes == {n for n in TaxonomyNode.objects.all() if can_view(person, n)}
        examples = set(viewable_examples(person))
        assert examples == {e for e in Example.objects.all() if can_view(person, e)}


def test_the_diagram_is_csp_clean_and_says_when_it_is_wider_than_the_screen(client, tree):
    html = client.get("/taxonomy/").content.decode()
    figure = html.split('<figure class="tx-diagram">')[1].split("</figure>")[0]
    assert "<style" not in figure and "style=" not in figure
    assert 'class="tx-diagram__hint"' in figure and "swipe it sideways" in figure
