"""The trust section of a profile: the person's level and what it allows; to the person, how far
they are from the next level; to Moderators, the form to change it and the log of changes."""

from django.conf import settings

from accounts.roles import is_editor, is_moderator

from . import levels
from .forms import LevelForm
from .models import Level, LevelChange, Standing
from .promotion import records

UNLOCKS = {
    Level.NEW: "Takes part with new-account limits: fewer posts an hour, at most "
               "{links} links to other sites and {images} in a post.",
    Level.MEMBER: "Posts and edits without new-account limits.",
    Level.REGULAR: "Has contributed for weeks; everything a member can do.",
}


def section(person, request):
    level = levels.level_of(person)
    role = "Moderator" if is_moderator(person) else "Editor" if is_editor(person) else ""
    own, moderator = request.user == person, is_moderator(request.user)
    context = {
        "username": person.get_username(), "level": level, "role": role,
        "vote": levels.allows(person, "vote"),
        "create_page": levels.allows(person, "create_page"),
        "unlocks": UNLOCKS[level].format(links=settings.TRUST_NEW_MAX_LINKS, images=_images()),
        "locked": Standing.objects.filter(user=person, locked=True).exists(),
        "progress": _progress(person, level) if own and not role else None,
    }
    if moderator:
        context["form"] = LevelForm(initial={"level": level})
        context["changes"] = list(
            LevelChange.objects.filter(user=person).select_related("by")[:10])
    return {"title": "Trust level", "template": "trust/profile_section.html", "context": context}


def _images():
    count = settings.TRUST_NEW_MAX_IMAGES
    return "no images" if not count else f"{count} image{'s' if count != 1 else ''}"


def _progress(person, level):
    """What is still missing for the next level, as lines ("12 of 20 contributions")."""
    if level >= Level.REGULAR:
        return None
    name = "member" if level == Level.NEW else "regular"
    rule = settings.TRUST_PROMOTION[name]
    record = records([(person.pk, person.date_joined)])[person.pk]
    return {"next": name, "lines": [
        f"{record.contributions} of {rule.get('contributions', 0)} posts or edits",
        *([f"{len(record.weeks)} of {rule['active_weeks']} weeks with a contribution"]
          if rule.get("active_weeks") else []),
        f"an account at least {rule.get('days', 0)} days old",
    ]}
