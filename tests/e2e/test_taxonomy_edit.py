"""In chromium: an Editor moves a category to another scale; the tree, the URLs (the old one
redirects) and the history show it; someone who is not an Editor cannot. The tree opens and
closes with the keyboard."""

import io

import pytest

from taxonomy import default_content
from tests.e2e.conftest import PHONE
from tests.taxonomy.conftest import ensure_groups

# Transactional: the live server's thread must see committed rows. The flush after each test
# re-creates the groups and the Site row (accounts' post_migrate receiver).
pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def tree(db):
    ensure_groups()
    default_content.load(io.StringIO())


def test_editor_moves_a_category_to_another_scale(tree, editor, user, login, new_page, screenshot):
    page = login(editor)
    page.goto("/taxonomy/small/hubs/")
    page.click("text=Edit or move")
    page.select_option("select[name=parent]", label="Medium")
    page.fill("input[name=reason]", "Hubs are settlements, not pop-ups")
    page.click("button:has-text('Save changes')")
    page.wait_for_url("**/taxonomy/medium/hubs/")
    assert page.locator("nav.breadcrumbs").inner_text().count("Medium") == 1
    screenshot(page, "taxonomy-moved-node")

    # The tree shows Hubs under Medium.
    page.goto("/taxonomy/")
    medium = page.locator(".tx-tree > li", has=page.locator("a.tx-row__name", has_text="Medium"))
    assert medium.locator("a", has_text="Hubs").count() == 1

    # The old URL redirects.
    page.goto("/taxonomy/small/hubs/")
    assert page.url.endswith("/taxonomy/medium/hubs/")

    # The history shows who, what and why.
    page.click("text=Every change to Hubs")
    history = page.locator(".tx-changes").inner_text()
    assert "Moved" in history and editor.username in history
    assert "Hubs are settlements, not pop-ups" in history and "medium" in history

    # Someone who is not an Editor sees no edit button and is refused at the form.
    other = login(user)
    other.goto("/taxonomy/medium/hubs/")
    assert other.locator("text=Edit or move").count() == 0
    from taxonomy.models import TaxonomyNode

    hubs = TaxonomyNode.objects.get(slug="hubs")
    response = other.goto(f"/taxonomy/-/{hubs.pk}/edit/")
    assert response.status == 403
    assert TaxonomyNode.objects.get(pk=hubs.pk).path == "medium/hubs"


def test_tree_expands_and_collapses_with_the_keyboard(tree, new_page, screenshot):
    page = new_page(viewport=PHONE, dark=True)
    page.goto("/taxonomy/")
    small = page.locator("details.tx-tree__branch").first
    hubs = small.locator("a", has_text="Hubs")
    assert hubs.is_visible()
    small.locator("summary").first.focus()
    page.keyboard.press("Enter")
    assert not hubs.is_visible()
    page.keyboard.press("Space")
    assert hubs.is_visible()
    page.click("text=Collapse all")
    assert not hubs.is_visible()
    page.click("text=Expand all")
    assert hubs.is_visible()
    screenshot(page, "taxonomy-index-phone-dark")
