"""The forum's settings, read when needed (so ``override_settings`` works in tests), with their
defaults documented in ``network_societies/settings.py``."""

from dataclasses import dataclass

from django.conf import settings


@dataclass(frozen=True)
class ReactionKind:
    """One reaction people can give a post: ``like`` shows as ``❤️``, is labelled "Like" and is
    told to the author as "maya liked your post"."""

    key: str
    emoji: str
    label: str
    verb: str


def reactions():
    """The reactions offered on every post, in the order shown (``FORUM_REACTIONS``)."""
    return [ReactionKind(*entry) for entry in settings.FORUM_REACTIONS]


def reaction(key):
    """The ``ReactionKind`` called ``key``, or None if the site does not offer it."""
    return next((kind for kind in reactions() if kind.key == key), None)
