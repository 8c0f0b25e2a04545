"""Proposals on the site: forms with clear messages for bad input, voting and decisions over
HTTP, the list, feed, search, profile, concept pages, home page, history link and rate limits."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from forum.models import Thread
from proposals import services
from proposals.models import Kind, Proposal, Status, Vote
from taxonomy.models import Example

from .conftest import accepted

pytestmark = pytest.mark.django_db


def new_url(kind, **params):
    query = "&".join(f"{k}={v}" for k, v in params.items())
    return reverse("proposals:new", args=[kind]) + (f"?{query}" if query else "")


def why(**data):
    return {"why": "Well documented in the press.", "days": 7, **data}


def test_suggest_an_example_from_the_category_page(tree, user_client):
    popups = tree["small/pop-up-villages"]
    page = user_client.get(popups.get_absolute_url()).content.decode()
    assert f'href="{new_url("add_example", node=popups.pk)}"' in page
    form = user_client.get(new_url("add_example", node=popups.pk))
    assert form.status_code == 200
    assert form.context["form"].initial["nodes"] == [popups.pk]
    response = user_client.post(new_url("add_example", node=popups.pk), why(
        name="Vitalia", status="active", nodes=[popups.pk], place="Roatán, Honduras"))
    proposal = Proposal.objects.get()
    assert response.status_code == 302 and response.url == proposal.thread_url()
    assert proposal.kind == Kind.ADD_EXAMPLE and proposal.nodes.get() == popups
    thread = user_client.get(proposal.thread.get_absolute_url()).content.decode()
    assert f'id="proposal-{proposal.pk}"' in thread and "Roatán, Honduras" in thread


def test_suggest_an_example_on_the_examples_list_and_example_page(tree, client):
    assert f'href="{new_url("add_example")}"'.encode() in client.get("/taxonomy/").content
    example = Example.objects.get(slug="chiang-mai-archipelago-2024")
    page = client.get(example.get_absolute_url()).content.decode()
    assert new_url("reclassify_example", example=example.slug) in page


def test_anonymous_people_are_sent_to_log_in(tree, client):
    response = client.get(new_url("add_example"))
    assert response.status_code == 302 and "/accounts/login/" in response.url
    assert client.post(reverse("proposals:vote", args=[1])).status_code in (302, 404)


@pytest.mark.parametrize("kind, params, data, message", [
    ("add_example", {}, {"name": "Chiang Mai Archipelago 2024", "status": "active",
                         "nodes": ["small/pop-up-villages"]},
     "There is already an example named"),
    ("add_example", {}, {"name": "Nowhere", "status": "active"},
     "This field is required"),
    ("add_category", {}, {"parent": "small", "name": "Hubs"}, "already has a category named"),
    ("add_category", {}, {"parent": "small", "name": "Big houses", "size_min": 500,
                          "size_max": 20}, "The largest size (20) is smaller than the smallest"),
    ("move_node", {"node": "small"}, {"parent": "small/hubs"},
     "cannot be placed under itself or one of its own descendants"),
    ("move_node", {"node": "small/hubs"}, {"parent": "small"}, "is already under Small"),
    ("merge_node", {"node": "small/hubs"}, {"into": "small/hubs"},
     "Select a valid choice"),
    ("retire_node", {"node": "small"}, {}, "Only categories can be retired"),
])
def test_bad_input_gets_a_clear_message_and_stores_nothing(
        tree, user_client, kind, params, data, message):
    def pk(value):
        return tree[value].pk if isinstance(value, str) and value in tree else value

    params = {k: pk(v) for k, v in params.items()}
    data = {k: [pk(x) for x in v] if isinstance(v, list) else pk(v) for k, v in data.items()}
    threads = Thread.objects.count()
    response = user_client.post(new_url(kind, **params), why(**data))
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not Proposal.objects.exists() and Thread.objects.count() == threads


def test_days_out_of_range_and_missing_reason(tree, user_client):
    response = user_client.post(new_url("retire_node", node=tree["large/nations"].pk),
                                {"why": "", "days": 90})
    page = response.content.decode()
    assert "Choose between 1 and 30 days" in page and "This field is required" in page
    assert not Proposal.objects.exists()


def test_proposing_in_an_existing_thread(tree, user_client, user):
    from forum.actions import start_thread

    thread = start_thread(node=tree["small/hubs"], author=user, title="Hubs", body="Hello")
    response = user_client.post(
        new_url("retire_node", node=tree["small/hubs"].pk, thread=thread.pk), why())
    proposal = Proposal.objects.get()
    assert proposal.thread == thread and proposal.post.number == 2
    assert response.url == proposal.thread_url()


def test_voting_over_http(tree, propose, client, members):
    proposal = propose(Kind.RETIRE_NODE, node=tree["large/nations"])
    client.force_login(members[0])
    url = reverse("proposals:vote", args=[proposal.pk])
    assert client.get(url).status_code == 405
    response = client.post(url, {"position": "agree", "reason": "Clear case"}, follow=True)
    assert "You voted agree" in response.content.decode()
    response = client.post(url, {"position": "disagree"}, follow=True)
    assert "You had voted agree; your vote is now disagree" in response.content.decode()
    response = client.post(url, {"reason": "no position"}, follow=True)
    assert "Choose agree, abstain, disagree or block" in response.content.decode()
    assert Vote.objects.get().position == "disagree"
    Proposal.objects.filter(pk=proposal.pk).update(closes_at=timezone.now() - timedelta(1))
    response = client.post(url, {"position": "agree"}, follow=True)
    assert "votes can no longer be cast or changed" in response.content.decode()
    assert Vote.objects.get().position == "disagree"


def test_the_card_shows_votes_publicly_with_reasons(tree, propose, client, members):
    proposal = propose(Kind.RETIRE_NODE, node=tree["large/nations"])
    services.cast_vote(proposal_id=proposal.pk, voter=members[0], position="block",
                       reason="Nations are the point of the large scale")
    page = client.get(proposal.thread.get_absolute_url()).content.decode()
    assert "member0" in page and "Nations are the point of the large scale" in page
    assert 'name="position"' not in page and "Log in</a> to vote" in page


def test_decisions_over_http(tree, propose, client, members, editor):
    proposal = propose(Kind.RETIRE_NODE, node=tree["large/nations"])
    url = reverse("proposals:decide", args=[proposal.pk])
    client.force_login(members[0])
    response = client.post(url, {"action": "accept"}, follow=True)
    assert "Only Editors and Moderators" in response.content.decode()
    client.force_login(editor)
    page = client.get(proposal.thread.get_absolute_url()).content.decode()
    assert "Decide as an Editor" in page
    response = client.post(url, {"action": "reject"}, follow=True)
    assert "Say why the proposal is rejected" in response.content.decode()
    response = client.post(url, {"action": "reject", "note": "Duplicate of #2"}, follow=True)
    assert Proposal.objects.get().status == Status.REJECTED
    assert "Rejected by edna: Duplicate of #2" in response.content.decode()


def test_the_first_request_after_the_deadline_closes_it(tree, propose, client, members):
    proposal = propose(Kind.RETIRE_NODE, node=tree["large/nations"])
    for voter in members[:3]:
        services.cast_vote(proposal_id=proposal.pk, voter=voter, position="agree")
    Proposal.objects.filter(pk=proposal.pk).update(closes_at=timezone.now() - timedelta(1))
    response = client.get(proposal.thread.get_absolute_url())
    page = response.content.decode()
    assert "Accepted" in page and "3 of 3 agreed" in page
    assert tree["large/nations"].__class__.objects.get(path="large/nations").is_retired


def test_list_filters(tree, propose, client, members):
    retire = propose(Kind.RETIRE_NODE, node=tree["large/nations"])
    move = propose(Kind.MOVE_NODE, node=tree["small/hubs"], parent=tree["medium"])
    accepted(retire, members[:3])
    page = client.get(reverse("proposals:list")).content.decode()
    assert move.title in page and retire.title not in page
    page = client.get(reverse("proposals:list"), {"status": "accepted"}).content.decode()
    assert retire.title in page and move.title not in page
    page = client.get(reverse("proposals:list"), {"status": "all", "kind": "move_node"})
    assert move.title in page.content.decode() and retire.title not in page.content.decode()
    page = client.get(reverse("proposals:list"),
                      {"status": "all", "node": tree["large/nations"].pk}).content.decode()
    assert retire.title in page and move.title not in page
    response = client.get(reverse("proposals:list"), {"kind": "nonsense", "page": "x"})
    assert response.status_code == 200 and "Select a valid choice" in response.content.decode()


def test_hidden_threads_hide_their_proposals(tree, propose, client, moderator):
    from forum.actions import moderate_thread

    proposal = propose(Kind.RETIRE_NODE, node=tree["large/nations"])
    moderate_thread(thread_id=proposal.thread_id, moderator=moderator, action="hide")
    assert proposal.title not in client.get(reverse("proposals:list")).content.decode()
    assert client.get(proposal.get_absolute_url()).status_code == 404
    assert proposal.title not in client.get(reverse("proposals:feed")).content.decode()


def test_feed_search_profile_home_and_concept_pages(tree, propose, client, user, members):
    from search.outbox import drain

    proposal = propose(Kind.MOVE_NODE, node=tree["small/hubs"], parent=tree["medium"],
                       reason="Hubs outgrow the small scale")
    drain()  # what the commit would do
    feed = client.get(reverse("proposals:feed"))
    assert feed["Content-Type"].startswith("application/atom+xml")
    assert proposal.title in feed.content.decode()
    results = client.get("/search/", {"q": "outgrow"}).content.decode()
    assert proposal.get_absolute_url() in results
    services.cast_vote(proposal_id=proposal.pk, voter=members[0], position="agree",
                       reason="Obviously")
    profile = client.get(reverse("accounts:profile", args=["member0"])).content.decode()
    assert "Agree on" in profile and proposal.title in profile
    profile = client.get(reverse("accounts:profile", args=["alice"])).content.decode()
    assert "Proposals made" in profile and proposal.title in profile
    for node in (tree["small/hubs"], tree["medium"]):
        assert proposal.title in client.get(node.get_absolute_url()).content.decode()
    assert "Open proposals" not in client.get("/").content.decode()
    client.force_login(members[1])
    home = client.get("/").content.decode()
    assert "Open proposals" in home and f'href="{proposal.thread_url()}"' in home


def test_history_entry_names_the_proposal_and_links_its_thread(tree, propose, client, members):
    proposal = accepted(propose(Kind.ADD_EXAMPLE, name="Vitalia", status="active",
                                nodes=[tree["small/pop-up-villages"]]), members[:3])
    page = client.get(reverse("taxonomy:history")).content.decode()
    assert f"Proposal #{proposal.pk}: {proposal.title}" in page.replace("&#x27;", "'")
    assert f'href="{proposal.thread_url()}"' in page


def test_rate_limits_are_stricter_for_new_accounts(tree, user_client, settings, user):
    settings.NS_RATE_LIMITS = {**settings.NS_RATE_LIMITS,
                                  "proposal": {"default": "5/3600", "new_account": "1/3600"}}
    nations, confederacies = tree["large/nations"], tree["large/confederacies"]
    assert user_client.post(new_url("retire_node", node=nations.pk), why()).status_code == 302
    response = user_client.post(new_url("retire_node", node=confederacies.pk), why())
    assert response.status_code == 429 and "for new accounts" in response.content.decode()
    assert Proposal.objects.count() == 1
