"""Rows every database needs: the Editors and Moderators groups and the site's name.

The migrations create them once; this runs after every ``migrate`` and every ``flush`` (which
the test suite's transactional tests do between tests), so they are never missing.
"""

from urllib.parse import urlsplit

from django.conf import settings

from .roles import EDITORS, MODERATORS


def ensure_rows(using="default", apps=None, **kwargs):
    """``post_migrate`` receiver: create what is missing, never change what people edited."""
    if apps is None:
        from django.apps import apps
    Group = apps.get_model("auth", "Group")
    for name in (EDITORS, MODERATORS):
        Group.objects.using(using).get_or_create(name=name)
    # django.contrib.sites (earlier in INSTALLED_APPS) has just made its example.com row.
    Site = apps.get_model("sites", "Site")
    domain = urlsplit(settings.NS_SITE_URL).netloc or "127.0.0.1:8000"
    Site.objects.using(using).filter(pk=settings.SITE_ID, domain="example.com").update(
        domain=domain, name=settings.NS_SITE_NAME
    )
