"""The wiki's section of a person's profile: their recent page edits."""

from .models import Revision

EDITS_SHOWN = 10


def section(profile_user, request):
    """The last edits ``profile_user`` made to pages the viewer may read (two queries)."""
    revisions = Revision.objects.recent(request.user).filter(author=profile_user)
    return {
        "title": "Page edits",
        "template": "wiki/profile_section.html",
        "context": {
            "revisions": list(revisions[:EDITS_SHOWN]),
            "total": revisions.count(),
            "username": profile_user.get_username(),
        },
    }
