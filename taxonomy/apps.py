from django.apps import AppConfig


class TaxonomyConfig(AppConfig):
    name = "taxonomy"

    def ready(self):
        from . import uploads  # noqa: F401  (tells the files app where uploads are used)
