"""Posts through the site's one markdown pipeline, with @mentions resolved in one query."""

import hashlib

from django.contrib.auth import get_user_model

from markup import render_markdown

__all__ = ["existing_usernames", "render_post", "quote_markdown"]


def existing_usernames(candidates):
    """The subset of ``candidates`` that are active people: one query, none when empty."""
    if not candidates:
        return set()
    return set(
        get_user_model().objects.filter(username__in=list(candidates), is_active=True)
        .values_list("username", flat=True)
    )


def render_post(body, *, mentions=existing_usernames):
    """``Rendered(html, links, mentions)`` for a post body. Its heading and footnote ids get a
    prefix from its text, since twenty posts share a page: identical texts may share it, and
    then their anchors lead to identical notes."""
    prefix = "p" + hashlib.sha1(body.encode(), usedforsecurity=False).hexdigest()[:8] + "-"
    return render_markdown(body, mentions=mentions, id_prefix=prefix)


def quote_markdown(post):
    """The markdown a reply starts with when it quotes ``post``: attribution, link, blockquote."""
    name = post.author.get_username() if post.author else "someone"
    quoted = "\n".join(f"> {line}".rstrip() for line in post.body.strip().splitlines())
    return f"> **@{name}** [wrote]({post.get_absolute_url()}):\n>\n{quoted}\n\n"
