"""What "since your last visit" lists: each app registers a source in its AppConfig.ready().

    from activity import registry
    registry.register(source)     # source(user, since) -> registry.Group or None

A source answers for one person and a moment (their last visit, or the start of a digest's
period) in a bounded number of queries, only with what that person may read and not with what
they did themselves. Groups show in the order of registration.
"""

from dataclasses import dataclass, field
from datetime import datetime

# Most items a group lists; its ``more_url`` leads to the rest.
ITEMS_PER_GROUP = 15

_sources = []


@dataclass
class Item:
    text: str  # what changed: a page's or thread's title
    url: str  # site-relative
    when: datetime | None = None
    detail: str = ""  # "edited by maya, 3 changes"


@dataclass
class Group:
    key: str  # "pages", "taxonomy", "forum", "proposals"
    title: str
    items: list = field(default_factory=list)
    more_url: str = ""
    more_label: str = ""


def register(source):
    if source not in _sources:
        _sources.append(source)
    return source


def collect(user, since):
    """The non-empty groups for ``user`` since ``since``, in registration order."""
    groups = (source(user, since) for source in _sources)
    return [group for group in groups if group and group.items]
