from django.apps import AppConfig
from django.db.models.signals import post_migrate


class AccountsConfig(AppConfig):
    """Profiles, settings, roles; django-allauth does the signing in."""

    verbose_name = "Accounts"
    name = "accounts"

    def ready(self):
        from allauth.account import signals as allauth_signals
        from django.contrib.auth.signals import user_logged_in

        from network_societies import personalcache

        from . import checks, signins  # noqa: F401  (checks registers the system checks)
        from .bootstrap import ensure_rows

        personalcache.register_may_serve(signins.seen_lately)
        post_migrate.connect(ensure_rows, sender=self, dispatch_uid="accounts.ensure_rows")
        user_logged_in.connect(signins.on_signed_in, dispatch_uid="accounts.signed_in")
        for signal in (allauth_signals.password_changed, allauth_signals.password_reset):
            signal.connect(signins.on_password_changed, dispatch_uid="accounts.sign_out_others")
