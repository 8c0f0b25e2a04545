from django.apps import AppConfig


class NetworkSocietiesConfig(AppConfig):
    """The project itself: home page, error pages and the default-content command."""

    name = "network_societies"
    verbose_name = "Network Societies"

    def ready(self):
        from . import (
            checks,  # noqa: F401  (registers the deployment checks)
            headers,  # noqa: F401  (registers the image-host system check)
            pagecache,
            personalcache,
        )

        pagecache.connect_signals()
        personalcache.connect_signals()
