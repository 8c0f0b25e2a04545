"""The taxonomy's part of "since your last visit": changes to categories and examples."""

from django.urls import reverse

from activity.registry import ITEMS_PER_GROUP, Group, Item

from .models import Change


def source(user, since):
    """One query: the latest changes by others, newest first."""
    changes = (
        Change.objects.filter(created_at__gte=since).exclude(user=user)
        .select_related("node", "example", "user").order_by("-created_at", "-pk")
        [:ITEMS_PER_GROUP]
    )
    items = [
        Item(text=str(change.target), url=change.target.get_absolute_url(),
             when=change.created_at,
             detail=f"{change.get_action_display().lower()} by "
                    f"{change.user.get_username() if change.user else 'the site'}"
                    + (f": {change.reason}" if change.reason else ""))
        for change in changes
    ]
    return Group(key="taxonomy", title="Taxonomy", items=items,
                 more_url=reverse("taxonomy:index"), more_label="The taxonomy")
