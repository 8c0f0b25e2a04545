"""Lookups the pipeline and the preview ask for: wikilink names, missing pages and usernames.

Names and paths are answered by the link-target registry (``markup.targets``), where the wiki and
the taxonomy register what they own, so markup never imports them.
"""

from django.contrib.auth import get_user_model

from . import targets


def page_paths_for_titles(titles):
    """{name: path} for ``[[Name]]`` wikilinks: pages by title, categories and examples by name."""
    return targets.paths_for_names(titles) if titles else {}


def missing_page_paths(paths):
    """Those of ``paths`` nothing answers for, so every view shows the same red links."""
    return targets.missing_paths(paths) if paths else set()


def existing_usernames(candidates):
    """The subset of ``candidates`` that are active people's usernames (for ``@mentions``)."""
    if not candidates:
        return set()
    users = get_user_model().objects.filter(username__in=list(candidates), is_active=True)
    return set(users.values_list("username", flat=True))


def preview_html(text, *, mentions=False, page_path=None):
    """``text`` rendered as it will be saved and shown: wikilinks resolved, red links marked
    (and @mentions linked when asked; relative links and files resolved from ``page_path``,
    a wiki page's). The editor's first preview and its live preview both use it, so they agree
    with the saved page on every link."""
    from .links import mark_missing_links, missing_page_url
    from .pipeline import render_markdown

    rendered = render_markdown(text, resolve_title=page_paths_for_titles,
                               mentions=existing_usernames if mentions else None,
                               page_path=page_path)
    return mark_missing_links(rendered.html, missing_page_paths(rendered.links), missing_page_url)
