from django.apps import AppConfig


class ForumConfig(AppConfig):
    name = "forum"

    def ready(self):
        from . import uploads  # noqa: F401  (tells the files app where uploads are used)
