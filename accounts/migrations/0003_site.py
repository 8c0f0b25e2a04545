"""Name the site (django.contrib.sites, SITE_ID=1) so allauth's emails say "Network Societies".

The domain comes from SITE_URL (default http://127.0.0.1:8000). Only the example.com row Django
creates is renamed; a site someone already edited in the admin is left alone.
"""

from urllib.parse import urlsplit

from django.conf import settings
from django.db import migrations


def name_site(apps, schema_editor):
    Site = apps.get_model("sites", "Site")
    domain = urlsplit(settings.NS_SITE_URL).netloc or "127.0.0.1:8000"
    site, created = Site.objects.get_or_create(
        pk=settings.SITE_ID, defaults={"domain": domain, "name": settings.NS_SITE_NAME}
    )
    if not created and site.domain == "example.com":
        site.domain, site.name = domain, settings.NS_SITE_NAME
        site.save(update_fields=["domain", "name"])


class Migration(migrations.Migration):
    dependencies = [("accounts", "0002_groups"), ("sites", "0002_alter_domain_unique")]

    operations = [migrations.RunPython(name_site, migrations.RunPython.noop)]
