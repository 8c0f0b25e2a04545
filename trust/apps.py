from django.apps import AppConfig


class TrustConfig(AppConfig):
    """Trust levels in the manner of Discourse: rights handed out as people earn them."""

    name = "trust"
    verbose_name = "Trust levels"

    def ready(self):
        """New sign-ups start at "new"; the profile shows each person's level; the level belongs
        to the person's data archive."""
        from allauth.account.signals import user_signed_up

        from accounts import personal_data, sections

        from . import personal, profile

        user_signed_up.connect(personal.start_new, dispatch_uid="trust.start_new")
        sections.profile.register(profile.section)
        personal_data.register(personal_data.Holding("trust", personal.export, personal.erase))
