"""The site's two roles beyond "signed in": Editors and Moderators, as Django groups.

Superusers count as both. The groups are created by a migration, so every database has them.
"""

from network_societies import fragments

EDITORS = "Editors"
MODERATORS = "Moderators"


def _in_group(user, name):
    if not user.is_authenticated or not user.is_active:
        return False
    if user.is_superuser:
        return True
    # Cached per request object, so templates and views may ask many times, and in the shared
    # cache per content generation (joining a group is a content write), so pages after the
    # first make no query at all.
    names = getattr(user, "_ns_group_names", None)
    if names is None:
        names = fragments.value("roles", [user.pk],
                                lambda: frozenset(user.groups.values_list("name", flat=True)))
        user._ns_group_names = names
    return name in names


def is_moderator(user):
    return _in_group(user, MODERATORS)


def is_editor(user):
    """Editors edit protected pages and the taxonomy; Moderators can do all that Editors can."""
    return _in_group(user, EDITORS) or is_moderator(user)


def in_any_group(user, names):
    """Whether ``user`` is in one of the groups ``names`` (superusers are in every group)."""
    return any(_in_group(user, name) for name in names)
