"""The thread page with proposal cards and /proposals/ make a number of queries that does not
grow with the number of votes or proposals."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from proposals import services
from proposals.models import Kind

pytestmark = pytest.mark.django_db


def count(client, url):
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url).status_code == 200
    return len(ctx.captured_queries)


def votes(proposal, voters):
    for index, voter in enumerate(voters):
        position = ["agree", "abstain", "disagree", "block"][index % 4]
        services.cast_vote(proposal_id=proposal.pk, voter=voter, position=position,
                           reason=f"Reason {index}")


@pytest.mark.parametrize("signed_in", [False, True])
def test_thread_page_queries_do_not_grow_with_votes_or_proposals(
        tree, propose, make_user, client, signed_in, django_assert_num_queries):
    voters = [make_user(f"voter{i}") for i in range(12)]
    if signed_in:
        client.force_login(voters[0])
    hubs, nations = tree["small/hubs"], tree["large/nations"]
    small = propose(Kind.MOVE_NODE, node=hubs, parent=tree["medium"])
    votes(small, voters[:1])
    big = propose(Kind.RETIRE_NODE, node=nations)
    votes(big, voters)
    for node in (tree["large/confederacies"], tree["medium/startup-cities"]):
        services.open_proposal(kind=Kind.RETIRE_NODE, data={"node": node}, proposer=voters[1],
                               reason="More", thread=big.thread)
    count(client, small.thread.get_absolute_url())  # warm up: session, read marks
    count(client, big.thread.get_absolute_url())
    expected = count(client, small.thread.get_absolute_url())
    with django_assert_num_queries(expected):
        client.get(big.thread.get_absolute_url())  # 3 proposals, 12 votes instead of 1 and 1


def test_list_queries_do_not_grow_with_proposals(
        tree, propose, make_user, client, django_assert_num_queries):
    voters = [make_user(f"voter{i}") for i in range(6)]
    first = propose(Kind.RETIRE_NODE, node=tree["large/nations"])
    votes(first, voters[:1])
    url = reverse("proposals:list")
    expected = count(client, url)
    for path in ("large/confederacies", "medium/startup-cities", "small/hubs"):
        votes(propose(Kind.RETIRE_NODE, node=tree[path]), voters)
    with django_assert_num_queries(expected):
        response = client.get(url)
    assert len(response.context["proposals"]) == 4
    with django_assert_num_queries(expected + 1):  # the category filter looks its node up
        client.get(url, {"status": "all", "kind": "retire_node", "node": tree["small/hubs"].pk})


def test_profile_section_is_bounded(tree, propose, make_user, rf, user, django_assert_num_queries):
    from proposals.profile import section

    voters = [make_user(f"voter{i}") for i in range(3)]
    for path in ("large/nations", "large/confederacies", "small/hubs"):
        votes(propose(Kind.RETIRE_NODE, node=tree[path]), voters)
    with django_assert_num_queries(4):
        context = section(voters[0], rf.get("/"))["context"]
    assert context["vote_count"] == 3 and context["proposal_count"] == 0
    with django_assert_num_queries(4):
        assert section(user, rf.get("/"))["context"]["proposal_count"] == 3
