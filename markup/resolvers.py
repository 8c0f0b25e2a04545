"""Lookups the pipeline and the preview ask for: page titles, missing pages and usernames, one
query each."""

from django.contrib.auth import get_user_model


def page_paths_for_titles(titles):
    """{title: path} of live pages with these titles (for ``[[Page title]]`` wikilinks)."""
    from wiki.models import Page  # the wiki app's model; markup stays importable without it

    return Page.objects.paths_for_titles(titles) if titles else {}


def missing_page_paths(paths):
    """Those of ``paths`` no page answers, so the preview shows them as red links too."""
    from wiki.models import Page

    return set(paths) - Page.objects.existing_paths(paths)


def existing_usernames(candidates):
    """The subset of ``candidates`` that are active people's usernames (for ``@mentions``)."""
    if not candidates:
        return set()
    users = get_user_model().objects.filter(username__in=list(candidates), is_active=True)
    return set(users.values_list("username", flat=True))
