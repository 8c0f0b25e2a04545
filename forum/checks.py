"""System checks: a reaction set the forum cannot offer is reported at startup, not on a post."""

import re

from django.conf import settings
from django.core.checks import Error, register

KEY = re.compile(r"^[a-z][a-z0-9_]{0,19}$")


@register()
def check_reactions(app_configs, **kwargs):
    entries = getattr(settings, "FORUM_REACTIONS", None)
    hint = ('A list of (key, emoji, label, verb), e.g. [("like", "❤️", "Like", "liked")]; keys '
            "are lowercase, up to 20 characters, each once.")
    if not isinstance(entries, list | tuple) or not entries:
        return [Error("FORUM_REACTIONS must list at least one reaction.", hint=hint,
                      id="forum.E001")]
    keys = []
    for entry in entries:
        fine = (isinstance(entry, list | tuple) and len(entry) == 4
                and all(isinstance(part, str) and part.strip() for part in entry))
        if not fine or not KEY.match(entry[0]):
            return [Error(f"FORUM_REACTIONS has an entry the forum cannot use: {entry!r}.",
                          hint=hint, id="forum.E002")]
        keys.append(entry[0])
    if len(set(keys)) != len(keys):
        return [Error("FORUM_REACTIONS names a reaction twice.", hint=hint, id="forum.E003")]
    return []
