from django.apps import AppConfig


class WikiConfig(AppConfig):
    name = "wiki"

    def ready(self):
        from . import uploads  # noqa: F401  (tells the files app where uploads are used)
