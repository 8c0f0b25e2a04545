"""One concept, one home: a category's or example's page holds its article, examples,
discussion and history; its other address (the article's page path) redirects there."""

import pytest

from forum import actions
from taxonomy import editing
from taxonomy.models import Example
from tests.forum.test_queries import count_queries
from wiki.editing import save_page

pytestmark = pytest.mark.django_db

POP_UPS = "/taxonomy/small/pop-up-villages/"


def test_the_concept_page_has_its_tabs_and_its_article(client, tree, user):
    save_page(path="network-societies/pop-ups", title="Pop-up villages",
              markdown="Villages that **pop up**. See [[Hubs]] and [[Nowhere yet]].", author=user)
    html = client.get(POP_UPS).content.decode()
    for tab in ["#article", "#examples", "#discussion", "#history"]:
        assert f'href="{tab}"' in html
    assert "Villages that <strong>pop up</strong>" in html
    # Links in the article: a category by name is live, a page nobody wrote is red, as on the
    # page itself.
    assert '<a href="/network-societies/hubs">Hubs</a>' in html
    assert '<a href="/nowhere-yet" class="redlink"' in html
    # Its history merges the category's changes with the article's revisions.
    assert "Article revision 1" in html and "Created" in html
    assert 'href="/wiki/history/network-societies/pop-ups"' in html


def test_a_concept_without_an_article_invites_to_write_it(client, tree, user):
    html = client.get("/taxonomy/medium/pop-up-cities/").content.decode()
    assert "Nobody has written the article about Pop-up cities yet" in html
    # Its description stands in for the article, and is printed once.
    assert html.count("Cross-coordination between communities") == 1
    assert 'href="/accounts/login/?next=/wiki/edit/network-societies/pop-up-cities%3Ftitle%3D' \
        in html
    client.force_login(user)
    html = client.get("/taxonomy/medium/pop-up-cities/").content.decode()
    assert 'href="/wiki/edit/network-societies/pop-up-cities?title=Pop-up+cities"' in html


def test_the_other_address_redirects_permanently(client, tree, user):
    # The page path a node names, whether the page exists or not...
    assert client.get("/network-societies/pop-ups")["Location"] == POP_UPS
    save_page(path="network-societies/pop-ups", title="P", markdown="x", author=user)
    response = client.get("/network-societies/pop-ups")
    assert response.status_code == 301 and response["Location"] == POP_UPS
    # ...the default article path of a node that names none, and an example's page path.
    response = client.get("/network-societies/startup-cities")
    assert response.status_code == 301
    assert response["Location"] == "/taxonomy/medium/startup-cities/"
    response = client.get("/network-societies/archipelago2024")
    assert response["Location"] == "/examples/chiang-mai-archipelago-2024/"
    response = client.get("/network-societies/balajian-network-states")
    assert response.status_code == 301 and response["Location"].startswith("/examples/")
    # The old node URL of a renamed category, and the root's page stays the founding page.
    editing.update_node(tree["small/hubs"], user=None, slug="coliving-hubs")
    response = client.get("/taxonomy/small/hubs/")
    assert response.status_code == 301 and response["Location"] == "/taxonomy/small/coliving-hubs/"
    assert client.get("/network-societies").status_code == 404  # not loaded here: no 301


def test_unset_facts_are_not_shown_and_scale_counts_say_what_they_count(client, tree):
    html = client.get("/taxonomy/small/").content.decode()
    assert "not set" not in html and "Permanence" not in html
    assert "None yet" in html  # no discussion yet: said, not a bare 0
    html = client.get("/examples/balajian-network-states/").content.decode()
    assert "not set" not in html and "<dt>Place</dt>" not in html


def test_a_category_without_examples_invites_members_to_suggest_one(client, tree, user):
    html = client.get("/taxonomy/large/nations/").content.decode()
    assert "No examples of Nations yet" in html and "Sign in</a> to suggest it" in html
    client.force_login(user)
    html = client.get("/taxonomy/large/nations/").content.decode()
    # The link goes to the proposals' add-example form (a section of the Discussion tab gives it).
    nations = tree["large/nations"]
    assert f'href="/proposals/new/add_example/?node={nations.pk}">suggest one</a>' in html


@pytest.mark.parametrize("signed_in", [False, True])
def test_concept_page_queries_do_not_grow_with_examples_threads_or_revisions(
        client, tree, user, editor, signed_in):
    if signed_in:
        client.force_login(user)
    node = tree["small/pop-up-villages"]
    chiang_mai = Example.objects.get(slug="chiang-mai-archipelago-2024")
    save_page(path="network-societies/pop-ups", title="P", markdown="v0", author=user)
    actions.start_thread(node=node, author=user, title="t", body="b")
    actions.start_thread(subject=chiang_mai, author=user, title="e", body="b")
    urls = [POP_UPS, chiang_mai.get_absolute_url()]
    small = [count_queries(client, url) for url in urls]
    for i in range(15):
        editing.save_example(Example(), user=editor, name=f"Village {i}", slug=f"village-{i}",
                             nodes=[node])
        actions.start_thread(node=node, author=user, title=f"Thread {i}", body="b")
        actions.start_thread(subject=chiang_mai, author=user, title=f"About {i}", body="b")
        save_page(path="network-societies/pop-ups", title="P", markdown=f"v{i + 1}", author=user)
    large = [count_queries(client, url) for url in urls]
    assert large == small
    assert "Village 14" in client.get(POP_UPS).content.decode()
