"""The site's two roles beyond "signed in": Editors and Moderators, as Django groups.

Superusers count as both. The groups are created by a migration, so every database has them.
"""

EDITORS = "Editors"
MODERATORS = "Moderators"


def _in_group(user, name):
    if not user.is_authenticated or not user.is_active:
        return False
    if user.is_superuser:
        return True
    # Cached per request object, so templates and views may ask many times for one query.
    cache = getattr(user, "_ns_group_names", None)
    if cache is None:
        cache = set(user.groups.values_list("name", flat=True))
        user._ns_group_names = cache
    return name in cache


def is_moderator(user):
    return _in_group(user, MODERATORS)


def is_editor(user):
    """Editors edit protected pages and the taxonomy; Moderators can do all that Editors can."""
    return _in_group(user, EDITORS) or is_moderator(user)


def in_any_group(user, names):
    """Whether ``user`` is in one of the groups ``names`` (superusers are in every group)."""
    return any(_in_group(user, name) for name in names)
