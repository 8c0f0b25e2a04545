from django.apps import AppConfig
from django.db.models.signals import post_migrate


class AccountsConfig(AppConfig):
    """Profiles, settings, roles; django-allauth does the signing in."""

    verbose_name = "Accounts"
    name = "accounts"

    def ready(self):
        from allauth.account.signals import user_logged_in

        from . import signals
        from .bootstrap import ensure_rows

        post_migrate.connect(ensure_rows, sender=self, dispatch_uid="accounts.ensure_rows")
        user_logged_in.connect(signals.sign_in_counts_as_recent, dispatch_uid="accounts.recent")
