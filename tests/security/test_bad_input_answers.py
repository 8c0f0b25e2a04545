"""Bad input that used to reach a 500 or a hang (issue 16): each gets a clear answer at once and
nothing is stored half."""

import pytest
from django.contrib.auth import get_user_model
from django.test import Client
from django.urls import reverse

from taxonomy.models import TaxonomyNode
from tests.taxonomy.conftest import tree  # noqa: F401,F811  (the fixture)
from tests.taxonomy.test_views import node_form_data
from wiki.editing import save_page
from wiki.models import Page

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("field, value", [("order", 2_147_483_648), ("size_max", 2**63)])
def test_a_number_too_big_for_the_database_is_a_form_error(editor_client, tree, field, value):  # noqa: F811
    hubs = tree["small/hubs"]
    before = TaxonomyNode.objects.filter(pk=hubs.pk).values().get()
    url = reverse("taxonomy:node_edit", args=[hubs.pk])
    response = editor_client.post(url, node_form_data(hubs, **{field: value}))
    assert response.status_code == 200
    assert "less than or equal to" in response.content.decode()
    assert TaxonomyNode.objects.filter(pk=hubs.pk).values().get() == before


def test_more_query_parameters_than_django_reads_get_the_400_page():
    query = "&".join(f"a{n}=1" for n in range(1_001)) + "&q=%3Cscript%3E"
    response = Client(raise_request_exception=False).get(f"/?{query}")
    assert response.status_code == 400
    html = response.content.decode()
    assert "could not be read" in html and "<script" not in html


def test_a_login_longer_than_any_account_is_a_form_error(client, user):
    response = client.post("/accounts/login/", {"login": "a" * 50_001, "password": "x"})
    assert response.status_code == 200
    assert "at most 254 characters" in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_the_heading_bomb_saves_and_shows_as_written(client, user):
    people = get_user_model().objects.count()
    save_page(path="bomb", title="Bomb", markdown="# h\n" * 50_000, author=user)
    page = Page.objects.get(path="bomb")
    assert page.current_revision.markdown == "# h\n" * 50_000
    html = client.get("/bomb").content.decode()
    assert "markup-as-written" in html and html.count("<h2") < 1_000
    assert get_user_model().objects.count() == people  # the view made no one
