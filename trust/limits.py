"""What a post by someone at the "new" level may contain (Discourse's new-user limits): at most
``TRUST_NEW_MAX_LINKS`` links to other sites and ``TRUST_NEW_MAX_IMAGES`` images. Spam is links;
a person who has taken part for a few days is promoted past this.

Counted on the rendered, sanitised HTML, so every way of writing a link counts the same
(markdown, bare URLs, HTML) and the site's own links (pages, mentions, files) do not.
"""

import re

from django.conf import settings

from . import levels

OUTSIDE_LINK = re.compile(r"""<a\b[^>]*\bhref=["']?(?:https?:)?//""", re.IGNORECASE)
IMAGE = re.compile(r"<img\b", re.IGNORECASE)


def content_refusal(user, render_html):
    """Why ``user`` may not post what ``render_html()`` renders, or None. The HTML is only
    rendered for people at the "new" level."""
    if not levels.is_new(user):
        return None
    html = render_html()
    links, images = len(OUTSIDE_LINK.findall(html)), len(IMAGE.findall(html))
    max_links, max_images = settings.TRUST_NEW_MAX_LINKS, settings.TRUST_NEW_MAX_IMAGES
    if links <= max_links and images <= max_images:
        return None
    allowed = f"{max_links} link{'s' if max_links != 1 else ''} to other sites"
    allowed += f" and {max_images} image{'s' if max_images != 1 else ''}" if max_images else (
        " and no images")
    return (f"New accounts may put at most {allowed} in a post (this one has {links} and "
            f"{images}); the limit goes once you have taken part for a few days. Your text is "
            "still here: remove some and post again.")
