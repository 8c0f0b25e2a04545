"""Trust levels: each promotion, what it unlocks, and demotion by Moderators only."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from forum.models import Flag, Post
from network_societies import ratelimit
from proposals import services
from proposals.models import Kind, Status
from tests.proposals.conftest import close_now, vote_all
from trust import levels
from trust.models import Level, LevelChange, Standing
from trust.promotion import promote_all, set_level
from trust.tasks import promote

pytestmark = pytest.mark.django_db

NOW = timezone.now()


def joined_days_ago(user, days):
    user.date_joined = NOW - timedelta(days=days)
    user.save(update_fields=["date_joined"])
    Standing.objects.update_or_create(user=user, defaults={"level": Level.NEW})
    levels.forget(user)
    return user


def posts(thread, author, count, *, weeks=1):
    """``count`` posts by ``author``, spread evenly over the last ``weeks`` weeks."""
    start = thread.post_count
    Post.objects.bulk_create(
        Post(thread=thread, number=start + i, author=author, body=f"Post {i}", html="",
             created_at=NOW - timedelta(weeks=i % weeks, hours=1))
        for i in range(1, count + 1)
    )
    thread.post_count = start + count
    thread.save(update_fields=["post_count"])


def level(user):
    levels.forget(user)
    return levels.level_of(user)


def test_a_new_account_with_a_post_becomes_a_member_after_three_days(thread, make_user):
    person = joined_days_ago(make_user("nina"), 4)
    assert level(person) == Level.NEW
    assert promote_all() == {}
    posts(thread, person, 1)
    assert promote_all() == {"Member": 1}
    assert level(person) == Level.MEMBER
    change = LevelChange.objects.get(user=person)
    assert (change.from_level, change.to_level, change.by) == (Level.NEW, Level.MEMBER, None)


def test_too_young_or_flagged_stays_new(thread, make_user, moderator):
    young = joined_days_ago(make_user("young"), 1)
    flagged = joined_days_ago(make_user("flagged"), 10)
    posts(thread, young, 3)
    posts(thread, flagged, 3)
    post = Post.objects.filter(author=flagged).first()
    Flag.objects.create(post=post, reporter=moderator, reason="spam", status="resolved")
    promote_all()
    assert level(young) == level(flagged) == Level.NEW


def test_a_regular_contributed_over_weeks(thread, make_user):
    steady = joined_days_ago(make_user("steady"), 40)
    burst = joined_days_ago(make_user("burst"), 40)
    posts(thread, steady, 20, weeks=5)
    posts(thread, burst, 30, weeks=1)
    promote.enqueue()  # the scheduled task (run at once by the tests' task backend)
    assert level(steady) == Level.REGULAR
    assert level(burst) == Level.MEMBER  # one busy week is not sustained contribution


def test_wiki_edits_count_too(make_user):
    from wiki.editing import save_page

    person = joined_days_ago(make_user("writer"), 5)
    save_page(path="guides/visas", title="Visas", markdown="Text", author=person)
    promote_all()
    assert level(person) == Level.MEMBER


def test_only_moderators_demote_and_promotion_leaves_the_demotion(
    client, thread, make_user, moderator, user
):
    person = joined_days_ago(make_user("pat"), 40)
    posts(thread, person, 25, weeks=6)
    promote_all()
    assert level(person) == Level.REGULAR
    url = reverse("trust:set_level", args=["pat"])
    client.force_login(user)
    assert client.post(url, {"level": 0, "reason": "spam", "locked": "on"}).status_code == 403
    client.force_login(moderator)
    assert client.post(url, {"level": 0, "reason": ""}).status_code == 302
    assert level(person) == Level.REGULAR  # no reason, no change
    client.post(url, {"level": 0, "reason": "Link spam in three threads", "locked": "on"})
    assert level(person) == Level.NEW
    change = LevelChange.objects.filter(user=person).first()
    assert change.by == moderator and change.reason == "Link spam in three threads"
    promote_all()
    assert level(person) == Level.NEW  # locked: promotion leaves it
    set_level(user=person, level=Level.NEW, moderator=moderator, reason="Second chance",
              locked=False)
    promote_all()
    assert level(person) == Level.REGULAR
    with pytest.raises(PermissionError):
        set_level(user=person, level=Level.NEW, moderator=user, reason="I don't like them")


def test_accounts_without_a_level_keep_the_old_age_rule(make_user, settings):
    old = make_user("old", date_joined=NOW - timedelta(days=30))
    fresh = make_user("fresh")
    assert level(old) == Level.MEMBER and level(fresh) == Level.NEW


def test_signing_up_starts_at_new(client, settings):
    from tests.conftest import PASSWORD

    client.post("/accounts/signup/", {"username": "sam", "email": "sam@example.org",
                                      "password1": PASSWORD, "password2": PASSWORD})
    assert Standing.objects.get(user__username="sam").level == Level.NEW


def test_editors_and_moderators_count_as_regulars(editor, moderator):
    assert level(editor) == level(moderator) == Level.REGULAR


# --- What levels unlock ------------------------------------------------------------------------


def test_new_accounts_get_the_stricter_rate_limits(make_user):
    person = joined_days_ago(make_user("nina"), 30)
    assert ratelimit.limit_for(person, "post")[2] is True
    Standing.objects.filter(user=person).update(level=Level.MEMBER)
    levels.forget(person)
    assert ratelimit.limit_for(person, "post")[2] is False


LINKS = "See https://a.example https://b.example and https://c.example"


def test_new_accounts_may_post_few_links_and_no_images(client, thread, make_user):
    person = joined_days_ago(make_user("nina"), 30)
    client.force_login(person)
    url = thread.get_absolute_url() + "reply/"
    response = client.post(url, {"body": LINKS})
    assert response.status_code == 200
    assert "New accounts may put at most 2 links" in response.content.decode()
    assert LINKS in response.content.decode()  # the text is kept
    response = client.post(url, {"body": "Look ![a view](/files/1/a.jpg) ![more](/files/2/b.jpg)"})
    assert "and 1 image in a post" in response.content.decode()
    assert client.post(url, {"body": "One is fine: ![a view](/files/1/a.jpg)"}).status_code == 302
    assert client.post(url, {"body": "Two links: https://a.example https://b.example "
                                     "and [[Visas]] and @alice"}).status_code == 302
    Standing.objects.filter(user=person).update(level=Level.MEMBER)
    assert client.post(url, {"body": LINKS}).status_code == 302


def test_who_may_start_pages_follows_the_setting(client, make_user, settings):
    settings.TRUST_REQUIRED_LEVELS = {**settings.TRUST_REQUIRED_LEVELS, "create_page": "member"}
    person = joined_days_ago(make_user("nina"), 30)
    client.force_login(person)
    assert client.get("/wiki/edit/guides/new-page").status_code == 403
    Standing.objects.filter(user=person).update(level=Level.MEMBER)
    assert client.get("/wiki/edit/guides/new-page").status_code == 200


def test_only_members_vote(tree, propose, client, make_user, settings):
    settings.TRUST_REQUIRED_LEVELS = {**settings.TRUST_REQUIRED_LEVELS, "vote": "member"}
    proposal = propose(Kind.RETIRE_NODE, node=tree["large/nations"])
    newcomer = joined_days_ago(make_user("nina"), 30)
    with pytest.raises(services.Refused, match="Votes are cast by members"):
        services.cast_vote(proposal_id=proposal.pk, voter=newcomer, position="agree")
    client.force_login(newcomer)
    page = client.get(proposal.thread_url()).content.decode()
    assert "Votes are cast by members" in page and 'name="position"' not in page
    Standing.objects.filter(user=newcomer).update(level=Level.MEMBER)
    levels.forget(newcomer)
    services.cast_vote(proposal_id=proposal.pk, voter=newcomer, position="agree")


def test_a_regulars_block_stops_acceptance_under_the_regulars_rule(
    tree, propose, members, make_user, settings
):
    settings.PROPOSALS_BLOCK = "regulars"
    settings.TRUST_REQUIRED_LEVELS = {**settings.TRUST_REQUIRED_LEVELS, "vote": "new"}
    regular = make_user("reggie")
    Standing.objects.create(user=regular, level=Level.REGULAR)
    proposal = propose(Kind.RETIRE_NODE, node=tree["large/nations"])
    vote_all(proposal, members[:3])
    vote_all(proposal, [regular], position="block")
    assert close_now(proposal).status == Status.BLOCKED
    settings.PROPOSALS_BLOCK = "editors"
    other = propose(Kind.RETIRE_NODE, node=tree["large/confederacies"])
    vote_all(other, members[:4])
    vote_all(other, [regular], position="block")
    assert close_now(other).status == Status.ACCEPTED


def test_the_profile_shows_the_level(client, make_user, moderator):
    person = joined_days_ago(make_user("nina"), 30)
    page = client.get("/u/nina/").content.decode()
    assert "Trust level" in page and ">New<" in page
    client.force_login(moderator)
    assert "Change level (Moderators)" in client.get("/u/nina/").content.decode()
    client.force_login(person)
    own = client.get("/u/nina/").content.decode()
    assert "Next level, member" in own and "Change level" not in own
