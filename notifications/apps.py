from django.apps import AppConfig


class NotificationsConfig(AppConfig):
    name = "notifications"

    def ready(self):
        """Notifications belong to the recipient's data archive and go with their account."""
        from accounts import personal_data

        from . import personal

        personal_data.register(personal_data.Holding("notifications", personal.export,
                                                     personal.erase))
