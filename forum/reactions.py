"""Reactions on posts: toggling one, the summary a page of posts shows, and telling the author.

A person gives each kind (``forum.conf.reactions()``) at most once per post; giving it again
takes it back. The author hears about reactions in one notification per post that grows while
unread ("maya liked your post", then "3 people liked your post"), as Discourse batches likes.
"""

from collections import defaultdict
from dataclasses import dataclass, field

from django.db import IntegrityError, transaction
from django.db.models import Count, F, Max, Q, Window
from django.db.models.functions import RowNumber

from notifications.models import Notification
from notifications.service import notify_grouped

from . import conf, permissions
from .models import Post, Reaction

# Names shown on hover or focus of a reaction; the full list is on the post's reactions page.
NAMES_SHOWN = 5
NOTIFICATION_VERB = "reacted"


class Refused(Exception):
    """A reaction a person may not give; ``str()`` says why."""


@dataclass
class Tally:
    """One kind of reaction on one post, as a page shows it."""

    kind: conf.ReactionKind
    count: int = 0
    mine: bool = False
    names: list = field(default_factory=list)

    @property
    def others(self):
        return max(self.count - len(self.names), 0)


def refusal(user, post):
    """Why ``user`` may not react to ``post`` ("" when they may)."""
    if not user.is_authenticated:
        return "Log in to react to posts."
    if post.author_id == user.pk:
        return "You cannot react to your own post."
    if not permissions.can_view_thread(user, post.thread) or post.hidden or post.is_deleted:
        return "This post is no longer shown."
    if post.thread.locked:
        return "This thread is locked."
    return ""


@transaction.atomic
def toggle(*, post_id, user, kind):
    """Give ``user``'s ``kind`` reaction to a post, or take it back if they had given it.
    Returns True when the reaction now stands. Raises ``Refused``."""
    reaction_kind = conf.reaction(kind)
    if reaction_kind is None:
        raise Refused("This site does not offer that reaction.")
    post = Post.objects.select_related("thread").get(pk=post_id)
    reason = refusal(user, post)
    if reason:
        raise Refused(reason)
    removed, _ = Reaction.objects.filter(post=post, user=user, kind=kind).delete()
    if removed:
        return False
    try:
        with transaction.atomic():
            Reaction.objects.create(post=post, user=user, kind=kind)
    except IntegrityError:  # the same click, twice at once: it stands once
        return True
    _tell_author(post, user)
    return True


def _tell_author(post, actor):
    """Fold this reaction into the author's unread notification about reactions to ``post``:
    it names who reacted since they last read one about this post."""
    if post.author_id is None:
        return
    url = post.get_absolute_url()
    told_until = Notification.objects.filter(
        recipient_id=post.author_id, verb=NOTIFICATION_VERB, url=url, read_at__isnull=False,
    ).aggregate(at=Max("read_at"))["at"]
    recent = Reaction.objects.filter(post=post).exclude(user_id=post.author_id)
    if told_until is not None:
        recent = recent.filter(created_at__gt=told_until)
    rows = list(recent.order_by("-created_at").values_list("user__username", "kind"))
    if not rows:
        return
    people = list(dict.fromkeys(name for name, _ in rows))
    kinds = {kind for _, kind in rows}
    single = conf.reaction(next(iter(kinds))) if len(kinds) == 1 else None
    verb = single.verb if single else "reacted to"
    if len(people) == 1:
        who = people[0]
    elif len(people) == 2:
        who = f"{people[0]} and {people[1]}"
    else:
        who = f"{len(people)} people"
    notify_grouped(
        post.author_id, actor=actor, verb=NOTIFICATION_VERB, url=url,
        text=f"{who} {verb} your post in “{post.thread.title}”",
    )


def tallies(posts, user):
    """``{post id: [Tally, …]}`` for a page of posts: one Tally per offered kind, in the site's
    order (count 0 where none was given); two queries whatever the number of posts and
    reactions."""
    offered = {kind.key: kind for kind in conf.reactions()}
    ids = [post.pk for post in posts]
    if not ids:
        return {}
    user_id = user.pk if user.is_authenticated else None
    counts = (
        Reaction.objects.filter(post_id__in=ids, kind__in=offered).order_by()
        .values("post_id", "kind")
        .annotate(n=Count("pk"), mine=Count("pk", filter=Q(user_id=user_id)))
    )
    found = defaultdict(dict)
    for row in counts:
        found[row["post_id"]][row["kind"]] = Tally(
            offered[row["kind"]], count=row["n"], mine=bool(row["mine"]))
    names = (
        Reaction.objects.filter(post_id__in=ids, kind__in=offered)
        .annotate(rank=Window(RowNumber(), partition_by=[F("post_id"), F("kind")],
                              order_by=[F("created_at").asc(), F("pk").asc()]))
        .filter(rank__lte=NAMES_SHOWN)
        .values_list("post_id", "kind", "user__username")
    )
    for post_id, kind, name in names:
        tally = found[post_id].get(kind)
        if tally is not None:
            tally.names.append(name)
    return {
        post_id: [found[post_id].get(key) or Tally(kind) for key, kind in offered.items()]
        for post_id in ids
    }


def who_reacted(post):
    """``[(ReactionKind, [usernames…]), …]`` for a post's reactions page, in the site's order."""
    by_kind = defaultdict(list)
    for kind, name in post.reactions.order_by("created_at", "pk").values_list(
            "kind", "user__username"):
        by_kind[kind].append(name)
    return [(kind, by_kind[kind.key]) for kind in conf.reactions() if by_kind[kind.key]]
