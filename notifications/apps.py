from django.apps import AppConfig


def stop_notification_emails(user):
    from accounts.models import Profile

    Profile.objects.update_or_create(user=user, defaults={"email_notifications": False})


class NotificationsConfig(AppConfig):
    name = "notifications"

    def ready(self):
        """Notification emails are a stream one can leave in one click (RFC 8058)."""
        from . import unsubscribe

        unsubscribe.register(unsubscribe.Stream(
            key="notifications", noun="notification emails", stop=stop_notification_emails,
        ))
        # Notifications belong to the recipient's data archive and go with their account.
        from accounts import personal_data

        from . import personal

        personal_data.register(personal_data.Holding("notifications", personal.export,
                                                     personal.erase))
