"""Sections of a person's pages contributed by other apps.

An app fills a page by having a module named after it, with ``section(user, request)`` returning
``{"title", "template", "context"}`` (or None); the template gets the context as ``ctx``:

- ``<app>/profile.py``: the public profile (/u/<username>/), about ``user``;
- ``<app>/watching.py``: the watchlist (/accounts/watching/), what ``user`` watches there.

Each section must make a bounded number of queries.
"""

from importlib import import_module
from importlib.util import find_spec

from django.apps import apps


def app_sections(module, user, request):
    sections = []
    for config in apps.get_app_configs():
        name = f"{config.name}.{module}"
        if config.name == "accounts" or find_spec(name) is None:
            continue
        section = import_module(name).section(user, request)
        if section:
            sections.append(section)
    return sections


def profile_sections(profile_user, request):
    return app_sections("profile", profile_user, request)


def watching_sections(user, request):
    return app_sections("watching", user, request)
