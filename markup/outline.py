"""A rendered text's outline: its headings with their ids, for a table of contents beside it.

Read from the sanitised HTML the page shows (the ids are the ones its links use), so the table
of contents always agrees with the text; permalink pilcrows are not part of a heading's title.
"""

from dataclasses import dataclass
from html.parser import HTMLParser

#: A table of contents is worth showing from this many headings.
MIN_HEADINGS = 3
MAX_ENTRIES = 200
_LEVELS = {"h2": 2, "h3": 3, "h4": 4, "h5": 5}  # a text's "#" is an h2 (the page title is h1)
MAX_DEPTH = 3


@dataclass(frozen=True)
class Heading:
    level: int  # 2 to 5 from headings(); 1 to MAX_DEPTH (the text's top level is 1) in a table
    id: str
    text: str


class _Outline(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.headings = []
        self._current = None  # [level, id, parts] while inside a heading with an id
        self._skip = 0  # inside a permalink

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag in _LEVELS and attrs.get("id"):
            self._current = [_LEVELS[tag], attrs["id"], []]
        elif self._current and tag == "a" and "headerlink" in (attrs.get("class") or ""):
            self._skip += 1

    def handle_endtag(self, tag):
        if tag == "a" and self._skip:
            self._skip -= 1
        elif self._current and tag in _LEVELS:
            level, anchor, parts = self._current
            text = " ".join("".join(parts).split())
            if text and len(self.headings) < MAX_ENTRIES:
                self.headings.append(Heading(level, anchor, text))
            self._current = None

    def handle_data(self, data):
        if self._current and not self._skip:
            self._current[2].append(data)


def headings(html):
    """The h2–h5 headings of ``html`` that have an id, in order."""
    parser = _Outline()
    parser.feed(html or "")
    parser.close()
    return parser.headings


def table_of_contents(html):
    """The headings when there are enough for a table of contents, else []."""
    found = headings(html)
    if len(found) < MIN_HEADINGS:
        return []
    top = min(h.level for h in found)
    return [Heading(min(h.level - top + 1, MAX_DEPTH), h.id, h.text) for h in found]
