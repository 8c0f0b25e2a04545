from django.apps import AppConfig


class ActivityConfig(AppConfig):
    """"Since your last visit" (/activity/ and the signed-in home page) and the email digests of
    the same. What is listed comes from the other apps, registered in ``activity.registry``."""

    name = "activity"

    def ready(self):
        from notifications import unsubscribe

        from .models import DigestSubscription

        unsubscribe.register(unsubscribe.Stream(
            key="digest", noun="activity digests",
            stop=lambda user: DigestSubscription.objects.filter(user=user).update(
                frequency=DigestSubscription.Frequency.OFF),
        ))
