"""A page's branch of the path hierarchy, for the tree beside it: the folder it is in, the pages
beside it and the pages below it (Wiki.js readers find their way by it).

One query whatever the wiki's size (the pages one level around the page, bounded);
the whole tree is at /wiki/tree/.
"""

import re
from dataclasses import dataclass, field

from django.db.models.functions import Lower

from .permissions import readable_pages

#: Pages listed at each level; past it the tree links to the whole page tree.
TREE_LIMIT = 40


@dataclass
class Branch:
    parent_label: str
    parent_url: str  # "" when the folder has no page of its own
    siblings: list = field(default_factory=list)  # [{"title", "url", "current"}]
    children: list = field(default_factory=list)
    more: bool = False  # some level had more than TREE_LIMIT pages

    def __bool__(self):
        return len(self.siblings) > 1 or bool(self.children)


def branch(user, page):
    """The Branch of ``page`` as ``user`` may see it: one query (the folder's page, the pages
    beside and below), at most 2 × TREE_LIMIT pages."""
    path = page.path
    parent = path.rsplit("/", 1)[0] if "/" in path else ""
    beside = rf"^{re.escape(parent)}/[^/]+$" if parent else r"^[^/]+$"
    below = rf"^{re.escape(path)}/[^/]+$"
    folder = rf"|^{re.escape(parent)}$" if parent else ""
    rows = list(
        readable_pages(user).filter(deleted_at__isnull=True)
        .filter(path__regex=f"{beside}|{below}{folder}")
        .order_by(Lower("title"), "path").only("path", "title")[: 2 * TREE_LIMIT + 1]
    )
    parent_page = next((p for p in rows if parent and p.path == parent), None)
    around = [p for p in rows if _one_below(parent, p.path)]
    children = [p for p in rows if _one_below(path, p.path)]
    more = len(rows) > 2 * TREE_LIMIT or len(around) > TREE_LIMIT or len(children) > TREE_LIMIT
    around, children = around[:TREE_LIMIT], children[:TREE_LIMIT]
    if page.pk not in {p.pk for p in around}:
        around = sorted([*around[: TREE_LIMIT - 1], page], key=lambda p: p.title.lower())
    return Branch(
        parent_label=parent_page.title if parent_page else (
            _label(parent.rsplit("/", 1)[-1]) if parent else "Wiki"),
        parent_url=parent_page.get_absolute_url() if parent_page else "",
        siblings=[_entry(p, current=p.pk == page.pk) for p in around],
        children=[_entry(p) for p in children],
        more=more,
    )


def _one_below(folder, path):
    """Whether ``path`` is one level below ``folder`` ("" is the top)."""
    if not folder:
        return "/" not in path
    return path.startswith(folder + "/") and "/" not in path[len(folder) + 1:]


def _entry(page, current=False):
    return {"title": page.title or page.path, "url": page.get_absolute_url(), "current": current}


def _label(segment):
    return segment.replace("-", " ").replace("_", " ").capitalize()
