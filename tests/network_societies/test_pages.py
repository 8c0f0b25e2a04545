import pytest

pytestmark = pytest.mark.django_db


def test_home_page_has_the_layout(client):
    response = client.get("/")
    assert response.status_code == 200
    html = response.content.decode()
    assert '<a class="skip-link" href="#main">' in html
    assert 'role="search"' in html


def test_unknown_url_gets_the_sites_404(client):
    response = client.get("/no-such-reserved-route/at/all/")
    assert response.status_code == 404
