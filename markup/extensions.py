"""Python-Markdown extensions of our own: ``[[wikilinks]]`` and ``@mentions``.

Both look their targets up before rendering starts (one call for the whole text, so one database
query), and never touch code or the text of a link.
"""

import re
import xml.etree.ElementTree as etree
from urllib.parse import quote

from django.utils.text import slugify
from markdown.extensions import Extension
from markdown.inlinepatterns import InlineProcessor

from .limits import bound_link_processors

WIKILINK_RE = r"\[\[([^\[\]\n|]{1,200})(?:\|([^\[\]\n]{1,200}))?\]\]"
# Django usernames are letters, digits and @.+-_; a mention ends before a trailing dot
# ("thanks @alice.") and never starts inside a word or an email address.
MENTION_RE = r"(?<![\w@.+/-])@(\w(?:[\w.+-]{0,148}[\w+-])?)"


def title_candidates(text):
    """Every ``[[Title]]`` (no pipe) written in ``text``."""
    return {m.group(1).strip() for m in re.finditer(WIKILINK_RE, text) if m.group(2) is None}


MAX_MENTIONS = 50


def mention_candidates(text):
    """The first ``MAX_MENTIONS`` distinct ``@names`` in ``text`` (a post is not a mailing list)."""
    found = dict.fromkeys(m.group(1) for m in re.finditer(MENTION_RE, text))
    return set(list(found)[:MAX_MENTIONS])


def path_href(path):
    """The site-relative URL of a page path written in a wikilink."""
    segments = [re.sub(r"\s+", "-", s.strip()).lower() for s in path.strip().strip("/").split("/")]
    return "/" + quote("/".join(s for s in segments if s), safe="/-_.~")


def title_path(title):
    """The path a page with this title gets when nobody has created it yet."""
    return slugify(title) or slugify(title, allow_unicode=True)


class WikiLinkProcessor(InlineProcessor):
    ANCESTOR_EXCLUDES = ("a",)

    def __init__(self, pattern, md, titles):
        super().__init__(pattern, md)
        self.titles = titles

    def handleMatch(self, m, data):
        target, label = m.group(1).strip(), m.group(2)
        if label is None:
            path = self.titles.get(target) or title_path(target)
            if not path:
                return None, None, None
            label = target
        else:
            path = target
        href = path_href(path)
        if href == "/":
            return None, None, None
        element = etree.Element("a", {"href": href})
        element.text = label.strip() or target
        return element, m.start(0), m.end(0)


class MentionProcessor(InlineProcessor):
    ANCESTOR_EXCLUDES = ("a",)

    def __init__(self, pattern, md, existing, found):
        super().__init__(pattern, md)
        self.existing = existing
        self.found = found

    def handleMatch(self, m, data):
        username = m.group(1)
        if username not in self.existing:
            return None, None, None
        if username not in self.found:
            self.found.append(username)
        element = etree.Element("a", {"class": "mention", "href": f"/u/{quote(username)}/"})
        element.text = "@" + username
        return element, m.start(0), m.end(0)


class WikiExtension(Extension):
    """Bounds link parsing; adds wikilinks (``titles``: {title: path}) and, if given, mentions.

    ``mentions`` is the set of usernames that exist; ``found`` collects those actually rendered.
    A Markdown instance built with it is reused for the next text after ``use`` gives it that
    text's targets (the mention pattern is there only if the instance was built with mentions).
    """

    def __init__(self, titles, mentions=None, found=None):
        super().__init__()
        self.titles, self.mentions, self.found = titles, mentions, found
        self._wikilinks = self._mentions = None

    def extendMarkdown(self, md):
        bound_link_processors(md)
        # Below code spans (190) and escapes (180), above ordinary links (160), so `[[x]]` in code
        # stays text and the link pattern never sees the double bracket.
        self._wikilinks = WikiLinkProcessor(WIKILINK_RE, md, self.titles)
        md.inlinePatterns.register(self._wikilinks, "wikilink", 172)
        if self.mentions:
            self._mentions = MentionProcessor(MENTION_RE, md, self.mentions, self.found)
            md.inlinePatterns.register(self._mentions, "mention", 105)

    def use(self, titles, mentions=None, found=None):
        """Resolve the next text's wikilinks with ``titles`` and its mentions with ``mentions``."""
        self.titles, self.mentions, self.found = titles, mentions, found
        self._wikilinks.titles = titles
        if self._mentions is not None:
            self._mentions.existing, self._mentions.found = mentions, found
