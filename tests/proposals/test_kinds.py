"""Every kind of proposal: the card shows the change, acceptance applies exactly that change
through the taxonomy services, rejection and staleness apply nothing."""

from datetime import date

import pytest

from proposals.kinds.base import EXAMPLE_FACTS, example_fact
from proposals.models import AppliedChange, Kind, Status
from taxonomy import editing
from taxonomy.models import Action, Change, Example, NodeRedirect, TaxonomyNode

from .conftest import accepted, close_now, vote_all

pytestmark = pytest.mark.django_db


def snapshot():
    nodes = list(TaxonomyNode.objects.order_by("pk").values(
        "pk", "name", "slug", "path", "parent_id", "summary", "size_min", "size_max",
        "permanence", "retired_at"))
    examples = [
        (e.pk, e.name, e.summary, e.place, e.size, e.retired_at,
         sorted(e.nodes.values_list("pk", flat=True)))
        for e in Example.objects.order_by("pk")
    ]
    return nodes, examples, Change.objects.count()


def test_add_example_card_and_acceptance(tree, propose, members, user):
    popups = tree["small/pop-up-villages"]
    proposal = propose(
        Kind.ADD_EXAMPLE, name="Zuzalu", summary="A two-month pop-up city", place="Montenegro",
        start_date=date(2023, 3, 25), end_date=date(2023, 5, 25), size=200, status="past",
        website="https://zuzalu.city", description="", page_path="", nodes=[popups],
    )
    assert proposal.status == Status.OPEN
    assert proposal.thread.node == popups and proposal.thread.posts.count() == 1
    assert "Because the sources say so." in proposal.thread.posts.get().body
    rows = {row["label"]: row for row in proposal.preview["facts"]}
    assert rows["Name"] == {"label": "Name", "before": "", "after": "Zuzalu"}
    assert rows["Classified under"]["after"] == "Pop-up villages"
    assert rows["Size (people)"]["after"] == "200"
    assert not Example.objects.filter(name="Zuzalu").exists()  # the dry run left nothing

    proposal = accepted(proposal, members[:3])
    assert proposal.status == Status.ACCEPTED
    example = Example.objects.get(name="Zuzalu")
    assert (example.slug, example.place, example.size, example.status) == (
        "zuzalu", "Montenegro", 200, "past")
    assert example.start_date == date(2023, 3, 25)
    assert list(example.nodes.all()) == [popups]
    change = example.changes.get()
    assert change.user == user and change.action == Action.CREATED
    assert f"Proposal #{proposal.pk}" in change.reason
    assert AppliedChange.objects.get(change=change).proposal == proposal


def test_add_category_draws_the_new_node(tree, propose, members):
    small = tree["small"]
    proposal = propose(Kind.ADD_CATEGORY, parent=small, name="Coliving networks",
                       summary="Chains of coliving houses", description="", size_min=20,
                       size_max=500, permanence="permanent")
    after = [(row["name"], row["mark"]) for row in proposal.preview["after"]]
    before = [row["name"] for row in proposal.preview["before"]]
    assert ("Coliving networks", "added") in after
    assert "Coliving networks" not in before and "Small" in before
    accepted(proposal, members[:3])
    node = TaxonomyNode.objects.get(path="small/coliving-networks")
    assert (node.name, node.summary, node.size_min, node.size_max, node.permanence) == (
        "Coliving networks", "Chains of coliving houses", 20, 500, "permanent")


def test_edit_node_applies_only_the_shown_fields(tree, propose, members):
    hubs = tree["small/hubs"]
    proposal = propose(Kind.EDIT_NODE, node=hubs, name="Hubs and houses", summary=hubs.summary,
                       description=hubs.description, size_min=hubs.size_min, size_max=hubs.size_max,
                       permanence="evolving")
    assert proposal.payload["after"] == {"name": "Hubs and houses", "permanence": "evolving"}
    assert {r["label"] for r in proposal.preview["facts"]} == {"Name", "Permanence"}
    after = [(r["name"], r["mark"]) for r in proposal.preview["after"]]
    assert ("Hubs and houses", "renamed") in after
    accepted(proposal, members[:3])
    hubs.refresh_from_db()
    assert (hubs.name, hubs.permanence, hubs.path) == ("Hubs and houses", "evolving", "small/hubs")


def test_move_node(tree, propose, members):
    hubs, medium = tree["small/hubs"], tree["medium"]
    proposal = propose(Kind.MOVE_NODE, node=hubs, parent=medium)
    before = {r["name"]: r["mark"] for r in proposal.preview["before"]}
    after = {r["name"]: r for r in proposal.preview["after"]}
    assert before["Hubs"] == "moved" and after["Hubs"]["mark"] == "moved"
    assert "Medium" in after and "Small" in before
    accepted(proposal, members[:3])
    hubs.refresh_from_db()
    assert hubs.path == "medium/hubs" and hubs.parent == medium
    assert NodeRedirect.objects.filter(old_path="small/hubs", node=hubs).exists()


def test_merge_node_moves_examples_threads_and_addresses(tree, propose, members, user):
    from forum.actions import start_thread

    popups, cities = tree["small/pop-up-villages"], tree["medium/pop-up-cities"]
    thread = start_thread(node=popups, author=user, title="About pop-ups", body="Hi")
    example_ids = list(popups.examples.values_list("pk", flat=True))
    assert example_ids
    proposal = propose(Kind.MERGE_NODE, node=popups, into=cities)
    before = [(r["name"], r["mark"]) for r in proposal.preview["before"]]
    assert ("Pop-up villages", "removed") in before
    accepted(proposal, members[:3])
    popups.refresh_from_db()
    thread.refresh_from_db()
    assert popups.is_retired and thread.node == cities
    for example in Example.objects.filter(pk__in=example_ids):
        assert cities in example.nodes.all() and popups not in example.nodes.all()
    assert NodeRedirect.objects.get(old_path="small/pop-up-villages").node == cities


def test_retire_node(tree, propose, members):
    nations = tree["large/nations"]
    proposal = propose(Kind.RETIRE_NODE, node=nations)
    assert ("Nations", "removed") in [(r["name"], r["mark"]) for r in proposal.preview["before"]]
    assert "Nations" not in [r["name"] for r in proposal.preview["after"]]
    accepted(proposal, members[:3])
    nations.refresh_from_db()
    assert nations.is_retired


def test_reclassify_example(tree, propose, members):
    example = Example.objects.get(slug="chiang-mai-archipelago-2024")
    old = set(example.nodes.all())
    hubs = tree["small/hubs"]
    new = [*old, hubs]
    proposal = propose(Kind.RECLASSIFY_EXAMPLE, example=example, nodes=new)
    assert {"label": "Added to", "before": "", "after": "Hubs"} in proposal.preview["facts"]
    accepted(proposal, members[:3])
    assert set(example.nodes.all()) == {*old, hubs}


def test_edit_example_facts(tree, propose, members):
    example = Example.objects.get(slug="chiang-mai-archipelago-2024")
    data = {name: example_fact(example, name) for name in EXAMPLE_FACTS}
    place = "Chiang Mai and Pai, Thailand"
    proposal = propose(Kind.EDIT_EXAMPLE, example=example, **{**data, "size": 321, "place": place})
    assert set(proposal.payload["after"]) == {"size", "place"}
    rows = {r["label"]: r for r in proposal.preview["facts"]}
    assert rows["Size (people)"]["after"] == "321"
    accepted(proposal, members[:3])
    example.refresh_from_db()
    assert (example.size, example.place, example.name) == (321, place, data["name"])


@pytest.mark.parametrize("kind", [Kind.MOVE_NODE, Kind.RETIRE_NODE, Kind.ADD_EXAMPLE])
def test_rejected_applies_nothing(tree, propose, members, kind):
    hubs = tree["small/hubs"]
    data = {
        Kind.MOVE_NODE: {"node": hubs, "parent": tree["medium"]},
        Kind.RETIRE_NODE: {"node": hubs},
        Kind.ADD_EXAMPLE: {"name": "Vitalia", "nodes": [hubs], "status": "active"},
    }[kind]
    proposal = propose(kind, **data)
    before = snapshot()
    vote_all(proposal, members[:2], "disagree")
    vote_all(proposal, members[2:3], "agree")
    proposal = close_now(proposal)
    assert proposal.status == Status.REJECTED
    assert "1 of 3 agreed" in proposal.outcome
    assert snapshot() == before


def test_without_quorum_it_is_rejected(tree, propose, members):
    proposal = propose(Kind.RETIRE_NODE, node=tree["large/nations"])
    vote_all(proposal, members[:2])
    proposal = close_now(proposal)
    assert proposal.status == Status.REJECTED and "2 cast, 3 needed" in proposal.outcome
    assert not TaxonomyNode.objects.get(path="large/nations").is_retired


def test_move_made_stale_by_an_editors_move_is_refused_with_the_reason(
        tree, propose, members, editor, user):
    from notifications.models import Notification

    hubs = tree["small/hubs"]
    proposal = propose(Kind.MOVE_NODE, node=hubs, parent=tree["medium"])
    editing.update_node(hubs, user=editor, parent=tree["large"])
    vote_all(proposal, members[:3])
    before = snapshot()
    proposal = close_now(proposal)
    assert proposal.status == Status.STALE
    assert "was moved to Large since this proposal was made" in proposal.outcome
    assert snapshot() == before
    assert TaxonomyNode.objects.get(pk=hubs.pk).path == "large/hubs"
    told = Notification.objects.get(recipient=user, verb="could not be applied")
    assert "moved to Large" in told.text


def test_stale_edit_and_stale_service_refusal_apply_nothing(tree, propose, members, editor):
    hubs = tree["small/hubs"]
    rename = propose(Kind.EDIT_NODE, node=hubs, name="Houses", summary=hubs.summary,
                     description=hubs.description, size_min=hubs.size_min,
                     size_max=hubs.size_max, permanence=hubs.permanence)
    add = propose(Kind.ADD_CATEGORY, parent=tree["small"], name="Villages", slug="villages",
                  summary="", description="", size_min=None, size_max=None, permanence="")
    editing.update_node(hubs, user=editor, name="Hubs, renamed by an Editor")
    editing.create_node(user=editor, parent=tree["small"], name="Villages too", slug="villages")
    vote_all(rename, members[:3])
    vote_all(add, members[:3])
    before = snapshot()
    rename, add = close_now(rename), close_now(add)
    assert rename.status == add.status == Status.STALE
    assert "its name changed" in rename.outcome
    assert "already uses the slug “villages”" in add.outcome
    assert snapshot() == before


def test_revert_of_an_accepted_proposal_works(tree, propose, members, editor):
    popups = tree["small/pop-up-villages"]
    proposal = accepted(propose(Kind.ADD_EXAMPLE, name="Vitalia", nodes=[popups],
                                status="active"), members[:3])
    change = proposal.applied.get().change
    editing.revert(change, user=editor)
    assert Example.objects.get(name="Vitalia").is_retired


def test_a_database_conflict_while_applying_marks_it_stale(tree, propose, members, monkeypatch):
    from django.db import IntegrityError

    from proposals.kinds import KINDS

    proposal = propose(Kind.ADD_EXAMPLE, name="Vitalia", nodes=[tree["small/hubs"]],
                       status="active")

    def collide(*args, **kwargs):
        Example.objects.create(name="Half-written", slug="half-written")
        raise IntegrityError("duplicate key")

    monkeypatch.setattr(KINDS[Kind.ADD_EXAMPLE], "apply", collide)
    before = snapshot()
    proposal = accepted(proposal, members[:3])
    assert proposal.status == Status.STALE and "nothing was applied" in proposal.outcome
    assert snapshot() == before  # the half-written row went with the savepoint
