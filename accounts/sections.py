"""Profile sections contributed by other apps.

An app fills a person's profile by having a ``profile`` module with
``section(profile_user, request)`` returning ``{"title", "template", "context"}`` (or None).
Each section must make a bounded number of queries.
"""

from importlib import import_module
from importlib.util import find_spec

from django.apps import apps


def profile_sections(profile_user, request):
    sections = []
    for config in apps.get_app_configs():
        name = f"{config.name}.profile"
        if config.name == "accounts" or find_spec(name) is None:
            continue
        section = import_module(name).section(profile_user, request)
        if section:
            sections.append(section)
    return sections
