from django.apps import AppConfig


class ApiConfig(AppConfig):
    """The documented read API under /api/ (django-ninja, OpenAPI 3)."""

    name = "api"
    label = "api"
