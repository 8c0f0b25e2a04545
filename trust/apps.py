from django.apps import AppConfig


class TrustConfig(AppConfig):
    """Trust levels in the manner of Discourse: rights handed out as people earn them."""

    name = "trust"
    verbose_name = "Trust levels"
