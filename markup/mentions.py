"""Where every editor asks for @mention suggestions: the app that knows people and
conversations registers its endpoint (the forum, in ``ForumConfig.ready()``), so the editor
widget offers suggestions without knowing which app answers.

    mentions.register_lookup("forum:mentions")   # GET ?q=ma[&thread=12] -> {"results": [...]}
"""

from django.urls import NoReverseMatch, reverse

_lookup = []


def register_lookup(url_name):
    _lookup[:] = [url_name]


def lookup_url():
    """The registered endpoint's URL, or "" (the editor then offers no suggestions)."""
    if not _lookup:
        return ""
    try:
        return reverse(_lookup[0])
    except NoReverseMatch:
        return ""
