"""No page of the default content shows a red link to a concept that exists: every default wiki
page, every node page and every example page, and every site link on them that names a page
path leads somewhere."""

import re
from io import StringIO

import pytest
from django.core.management import call_command

from taxonomy.models import Example, TaxonomyNode
from wiki.models import Page

pytestmark = pytest.mark.django_db


def test_the_default_content_has_no_red_links(client):
    call_command("load_default_content", stdout=StringIO())
    urls = [page.get_absolute_url() for page in Page.objects.all()]
    urls += [node.get_absolute_url() for node in TaxonomyNode.objects.all()]
    urls += [example.get_absolute_url() for example in Example.objects.all()]
    assert len(urls) == 1 + 13 + 2
    linked = set()
    for url in urls:
        response = client.get(url, follow=True)
        assert response.status_code == 200, url
        html = response.content.decode()
        assert "redlink" not in html, url
        linked |= set(re.findall(r'href="(/network-societies[^"#?]*)"', html))
    assert "/network-societies/pop-ups" in linked and "/network-societies/archipelago2024" in linked
    for path in linked:
        response = client.get(path)
        assert response.status_code in (200, 301), path
        if response.status_code == 301:
            assert client.get(response["Location"]).status_code == 200, path
