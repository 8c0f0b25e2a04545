from django.apps import AppConfig


class ActivityConfig(AppConfig):
    """"Since your last visit" (/activity/ and the signed-in home page) and the email digests of
    the same. What is listed comes from the other apps, registered in ``activity.registry``."""

    name = "activity"

    def ready(self):
        from network_societies import personalcache
        from notifications import unsubscribe

        from . import visits
        from .models import DigestSubscription

        personalcache.register_may_serve(visits.touched)
        unsubscribe.register(unsubscribe.Stream(
            key="digest", noun="activity digests",
            stop=lambda user: DigestSubscription.objects.filter(user=user).update(
                frequency=DigestSubscription.Frequency.OFF),
        ))
