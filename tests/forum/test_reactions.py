"""Reactions: toggling, counts and names, refusals, and the author's batched notification."""

import pytest
from django.test import override_settings
from django.urls import reverse
from django.utils import timezone

from forum import actions, reactions
from forum.models import Reaction
from notifications.models import Notification


@pytest.fixture
def post(thread):
    return thread.posts.get(number=1)


def reaction_notes(user):
    return list(Notification.objects.filter(recipient=user, verb=reactions.NOTIFICATION_VERB))


def test_toggle_gives_then_takes_back(post, other_user):
    assert reactions.toggle(post_id=post.pk, user=other_user, kind="like") is True
    assert Reaction.objects.filter(post=post, user=other_user, kind="like").count() == 1
    assert reactions.toggle(post_id=post.pk, user=other_user, kind="like") is False
    assert not Reaction.objects.filter(post=post).exists()


def test_one_of_each_kind_per_person(post, other_user):
    reactions.toggle(post_id=post.pk, user=other_user, kind="like")
    reactions.toggle(post_id=post.pk, user=other_user, kind="thanks")
    assert set(post.reactions.values_list("kind", flat=True)) == {"like", "thanks"}


def test_own_post_unknown_kind_and_deleted_post_are_refused(post, user, other_user):
    with pytest.raises(reactions.Refused, match="your own post"):
        reactions.toggle(post_id=post.pk, user=user, kind="like")
    with pytest.raises(reactions.Refused, match="does not offer"):
        reactions.toggle(post_id=post.pk, user=other_user, kind="<script>")
    post.deleted_at = timezone.now()
    post.save()
    with pytest.raises(reactions.Refused, match="no longer shown"):
        reactions.toggle(post_id=post.pk, user=other_user, kind="like")
    assert not Reaction.objects.exists()


@override_settings(FORUM_REACTIONS=[("like", "👍", "Like", "liked"),
                                    ("wow", "😮", "Wow", "was amazed by")])
def test_the_offered_kinds_come_from_settings(post, other_user):
    reactions.toggle(post_id=post.pk, user=other_user, kind="wow")
    with pytest.raises(reactions.Refused):
        reactions.toggle(post_id=post.pk, user=other_user, kind="thanks")
    [like, wow] = reactions.tallies([post], other_user)[post.pk]
    assert (like.kind.key, like.count) == ("like", 0)
    assert (wow.kind.key, wow.count, wow.mine) == ("wow", 1, True)


def test_tallies_count_and_name_people(post, make_user, other_user):
    people = [make_user(f"fan{i}") for i in range(7)]
    for person in people:
        reactions.toggle(post_id=post.pk, user=person, kind="like")
    tally = reactions.tallies([post], other_user)[post.pk][0]
    assert tally.count == 7 and not tally.mine
    assert tally.names == ["fan0", "fan1", "fan2", "fan3", "fan4"] and tally.others == 2
    assert reactions.tallies([post], people[3])[post.pk][0].mine


def test_the_author_hears_once_batched(post, user, make_user):
    maya, sam, kim = make_user("maya"), make_user("sam"), make_user("kim")
    reactions.toggle(post_id=post.pk, user=maya, kind="like")
    [note] = reaction_notes(user)
    assert note.text.startswith("maya liked your post")
    reactions.toggle(post_id=post.pk, user=sam, kind="like")
    reactions.toggle(post_id=post.pk, user=kim, kind="like")
    [note] = reaction_notes(user)
    assert note.text.startswith("3 people liked your post")
    # Read, then a new reaction starts a new line about the new reactor only.
    Notification.objects.filter(pk=note.pk).update(read_at=timezone.now())
    reactions.toggle(post_id=post.pk, user=make_user("lee"), kind="thanks")
    latest = reaction_notes(user)[0]
    assert latest.pk != note.pk and latest.text.startswith("lee thanked you for your post")


def test_two_people_and_mixed_kinds(post, user, make_user):
    reactions.toggle(post_id=post.pk, user=make_user("maya"), kind="like")
    reactions.toggle(post_id=post.pk, user=make_user("sam"), kind="agree")
    [note] = reaction_notes(user)
    assert note.text.startswith("sam and maya reacted to your post")


def test_react_view_fetch_and_plain_form(client, post, other_user):
    client.force_login(other_user)
    url = reverse("forum:react", args=[post.pk])
    response = client.post(url, {"kind": "like"}, headers={"X-Requested-With": "fetch"})
    assert response.status_code == 200
    assert b'aria-pressed="true"' in response.content
    assert b"forum-reaction__count" in response.content
    response = client.post(url, {"kind": "like"})
    assert response.status_code == 302 and "#post-1" in response.url
    assert not Reaction.objects.exists()


def test_react_view_refuses_own_post_and_needs_post(client, post, user):
    client.force_login(user)
    url = reverse("forum:react", args=[post.pk])
    assert client.get(url).status_code == 405
    response = client.post(url, {"kind": "like"}, headers={"X-Requested-With": "fetch"})
    assert response.status_code == 403 and b"your own post" in response.content
    assert not Reaction.objects.exists()


def test_anonymous_cannot_react(client, post):
    response = client.post(reverse("forum:react", args=[post.pk]), {"kind": "like"})
    assert response.status_code == 302 and "login" in response.url


def test_thread_page_shows_reactions_and_who(client, post, make_user, other_user):
    reactions.toggle(post_id=post.pk, user=make_user("maya"), kind="like")
    client.force_login(other_user)
    html = client.get(post.thread.get_absolute_url()).content.decode()
    assert "Like: maya" in html and 'role="tooltip"' in html
    page = client.get(reverse("forum:reactions", args=[post.pk])).content.decode()
    assert "maya" in page and "Like" in page


def test_reacting_to_a_reply(thread, user, other_user):
    reply = actions.reply(thread_id=thread.pk, author=other_user, body="Agreed")
    reactions.toggle(post_id=reply.pk, user=user, kind="like")
    assert reaction_notes(other_user)[0].text.startswith("alice liked your post")


@pytest.mark.parametrize("value, error", [
    ([], "forum.E001"),
    ([("Like!", "👍", "Like", "liked")], "forum.E002"),
    ([("like", "👍", "Like")], "forum.E002"),
    ([("like", "👍", "Like", "liked"), ("like", "❤️", "Love", "loved")], "forum.E003"),
])
def test_a_reaction_set_the_forum_cannot_offer_is_a_system_check_error(settings, value, error):
    from forum.checks import check_reactions

    settings.FORUM_REACTIONS = value
    assert [e.id for e in check_reactions(None)] == [error]


def test_the_default_reaction_set_passes_the_check():
    from forum.checks import check_reactions

    assert check_reactions(None) == []


def test_the_cached_thread_shows_each_reader_their_own_reactions(post, make_user):
    """The thread's posts come from the fragment cache; a reaction is the reader's own."""
    from django.test import Client

    maya, sam = make_user("maya"), make_user("sam")
    reactions.toggle(post_id=post.pk, user=maya, kind="like")
    url = post.thread.get_absolute_url()
    pages = {}
    for person in (maya, sam, maya):
        reader = Client()
        reader.force_login(person)
        pages.setdefault(person.username, []).append(reader.get(url).content.decode())
    assert all('aria-pressed="true"' in page for page in pages["maya"])
    assert 'aria-pressed="true"' not in pages["sam"][0]
    assert "Like: maya" in pages["sam"][0]
