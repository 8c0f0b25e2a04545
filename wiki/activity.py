"""The wiki's part of "since your last visit": changes to the pages a person watches."""

from django.urls import reverse

from activity.registry import ITEMS_PER_GROUP, Group, Item

from .models import Revision

# Revisions read to summarise; a busier period shows its latest changes.
REVISIONS_READ = 300


def source(user, since):
    """One query: the latest revisions by others of readable watched pages, one item per page."""
    revisions = (
        Revision.objects.recent(user, since=since, watched=True)
        .exclude(author=user)[:REVISIONS_READ]
    )
    pages = {}
    for revision in revisions:
        entry = pages.setdefault(revision.page_id, {"latest": revision, "count": 0, "who": []})
        entry["count"] += 1
        name = revision.author.get_username() if revision.author else "the site"
        if name not in entry["who"]:
            entry["who"].append(name)
    items = []
    for entry in list(pages.values())[:ITEMS_PER_GROUP]:
        latest, count = entry["latest"], entry["count"]
        changes = f"{count} changes" if count > 1 else "1 change"
        items.append(Item(
            text=latest.page.title, url=latest.page.get_absolute_url(), when=latest.created_at,
            detail=f"{changes} by {', '.join(entry['who'][:3])}",
        ))
    return Group(key="pages", title="Pages you watch", items=items,
                 more_url=reverse("wiki:recent_changes") + "?watched=1",
                 more_label="Recent changes to watched pages")
