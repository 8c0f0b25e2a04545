"""In chromium: a member suggests an example under Pop-up villages from the category page; three
members vote agree; the proposal closes when its deadline has passed; the example appears on the
category page, in search and in the taxonomy history with a link to the thread; an Editor reverts
it from the history. Screenshots of the card, the vote form and /proposals/ at both widths, in
light and dark."""

import io
from datetime import timedelta

import pytest
from django.utils import timezone

from taxonomy import default_content
from tests.e2e.conftest import PHONE
from tests.taxonomy.conftest import ensure_groups

pytestmark = pytest.mark.django_db(transaction=True)


def member(user):
    """Votes are cast from the "member" trust level on."""
    from trust.models import Level, Standing

    Standing.objects.create(user=user, level=Level.MEMBER)
    return user


@pytest.fixture
def tree(db):
    ensure_groups()
    default_content.load(io.StringIO())


def test_a_suggested_example_is_voted_in_and_reverted(
        tree, make_user, editor, login, new_page, screenshot):
    from proposals.models import Proposal
    from taxonomy.models import Example

    proposer, *voters = [member(make_user(name)) for name in ("ana", "ben", "cai", "dee")]

    page = login(proposer)
    page.goto("/taxonomy/small/pop-up-villages/")
    page.click("text=Suggest an example")
    page.fill("input[name=name]", "Zuzalu")
    page.fill("input[name=summary]", "A two-month pop-up city in Montenegro, 2023")
    page.fill("input[name=place]", "Montenegro")
    page.select_option("select[name=status]", "past")
    assert page.locator("input[name=nodes]:checked").count() == 1  # Pop-up villages, prefilled
    page.fill("textarea[name=why]", "Zuzalu is the pop-up village most others copy.")
    page.click("button:has-text('Open the vote')")
    page.wait_for_url(lambda url: "/forum/t/" in url)
    card = page.locator(".pr-card")
    assert "Add the example “Zuzalu” to Pop-up villages" in card.inner_text()
    assert "Montenegro" in card.locator(".pr-facts").inner_text()

    for voter in voters:
        voting = login(voter)
        voting.goto(page.url)
        voting.locator(".pr-position--agree").click()
        voting.fill(".pr-vote-form textarea", f"{voter.username} was there")
        voting.click(".pr-vote-form button[type=submit]")
        assert "You voted agree" in voting.locator(".messages").inner_text()
    page.reload()
    assert page.locator(".pr-count--agree").inner_text() == "3 agree"

    for width, name in ((None, "desktop"), (PHONE, "phone")):
        for dark in (False, True):
            look = login(voters[0], **({"viewport": width} if width else {}), dark=dark)
            look.goto(page.url)
            suffix = f"{name}{'-dark' if dark else ''}"
            screenshot(look, f"proposal-card-{suffix}")
            look.goto("/proposals/")
            screenshot(look, f"proposals-list-{suffix}")

    # The deadline passes; the next request closes the proposal and applies it.
    Proposal.objects.update(closes_at=timezone.now() - timedelta(minutes=1))
    page.reload()
    assert "Accepted" in page.locator(".pr-card .pill").first.inner_text()
    assert "3 of 3 agreed" in page.locator(".pr-outcome").inner_text()
    thread_path = page.url.split("://", 1)[1].split("/", 1)[1].split("#")[0]

    page.goto("/taxonomy/small/pop-up-villages/")
    examples = page.locator("section#examples")
    assert examples.locator("a", has_text="Zuzalu").count() == 1
    page.goto("/search/?q=Zuzalu")
    assert page.locator(".search-result a", has_text="Zuzalu").count() >= 1

    page.goto("/taxonomy/-/history/")
    entry = page.locator(".tx-change", has_text="Zuzalu").first
    assert "Proposal #" in entry.inner_text()
    link = entry.locator(".tx-change__source a")
    assert thread_path in link.get_attribute("href")

    editing = login(editor)
    editing.goto("/taxonomy/-/history/")
    entry = editing.locator(".tx-change", has_text="Zuzalu").first
    entry.locator("input[name=reason]").fill("Not a village after all")
    entry.locator("button:has-text('Revert')").click()
    assert "was reverted" in editing.locator(".messages").inner_text()
    assert Example.objects.get(name="Zuzalu").is_retired
    page.goto("/taxonomy/small/pop-up-villages/")
    examples = page.locator("section#examples")
    assert examples.locator("a", has_text="Zuzalu").count() == 0


def test_the_vote_form_works_with_the_keyboard_on_a_phone(tree, make_user, login, screenshot):
    from proposals import services
    from taxonomy.models import TaxonomyNode

    proposer, voter = make_user("ana"), member(make_user("ben"))
    proposal = services.open_proposal(
        kind="move_node", proposer=proposer, reason="Hubs grow past 150 people.",
        data={"node": TaxonomyNode.objects.get(path="small/hubs"),
              "parent": TaxonomyNode.objects.get(path="medium")},
    )
    for dark in (False, True):
        page = login(voter, viewport=PHONE, dark=dark)
        page.goto(proposal.thread_url())
        form = page.locator(".pr-vote-form")
        form.scroll_into_view_if_needed()
        screenshot(page, f"proposal-vote-form-phone{'-dark' if dark else ''}")
    page.locator(".pr-vote-form input[value=disagree]").focus()
    page.keyboard.press("Space")
    page.locator(".pr-vote-form textarea").focus()
    page.keyboard.type("Most hubs are under 50 people")
    page.keyboard.press("Tab")
    page.keyboard.press("Enter")
    assert "You voted disagree" in page.locator(".messages").inner_text()
    assert "Most hubs are under 50 people" in page.locator(".pr-votes").inner_text()
