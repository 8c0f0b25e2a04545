"""The taxonomy's part of "since your last visit": changes to categories and examples."""

from django.urls import reverse

from activity.registry import ITEMS_PER_GROUP, Group, Item

from .models import Change

# Changes read to summarise; a busier period shows its latest changes.
CHANGES_READ = 300


def source(user, since):
    """One query: the latest change by others to each category or example, newest first. The
    site's own changes (default content, imports: no person) are left out."""
    changes = (
        Change.objects.filter(created_at__gte=since, user__isnull=False).exclude(user=user)
        .select_related("node", "example", "user").order_by("-created_at", "-pk")
        [:CHANGES_READ]
    )
    latest = {}
    for change in changes:
        entry = latest.setdefault((change.node_id, change.example_id), [change, 0])
        entry[1] += 1
    items = [
        Item(text=str(change.target), url=change.target.get_absolute_url(),
             when=change.created_at,
             detail=f"{change.get_action_display().lower()} by {change.user.get_username()}"
                    + (f": {change.reason}" if change.reason else "")
                    + (f" ({count} changes)" if count > 1 else ""))
        for change, count in list(latest.values())[:ITEMS_PER_GROUP]
    ]
    return Group(key="taxonomy", title="Taxonomy", items=items,
                 more_url=reverse("taxonomy:index"), more_label="The taxonomy")
