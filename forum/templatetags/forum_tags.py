"""Small helpers for forum templates."""

from django import template

register = template.Library()


@register.filter
def forum_name(node):
    """A node's forum as people call it: the root's is the general discussion."""
    return node.name if node.path else "General discussion"


@register.filter
def initial(user):
    """The letter shown in a person's avatar."""
    name = user.get_username() if user else "?"
    return (name[:1] or "?").upper()


@register.filter
def hue(user):
    """A stable colour per person (one of 12 ``forum-hue-N`` classes in forum.css), so avatars
    are told apart at a glance. A class, not a ``style`` attribute: the CSP forbids those."""
    name = user.get_username() if user else ""
    return sum(map(ord, name)) * 7 % 12


@register.filter
def forum_indent(level):
    """The ``forum-level-N`` class of a forum in the index tree (deeper ones indent as the 6th)."""
    return min(int(level or 0), 6)


@register.filter
def ago(moment):
    """ "just now", "5 minutes ago", "3 days ago": how long ago ``moment`` was."""
    from django.utils import timezone
    from django.utils.timesince import timesince

    if moment is None:
        return ""
    if (timezone.now() - moment).total_seconds() < 60:
        return "just now"
    return f"{timesince(moment).split(',')[0]} ago"


@register.filter
def any_reaction(tallies):
    """Whether any reaction was given (``forum.reactions.tallies`` lists every kind)."""
    return any(tally.count for tally in tallies or ())
