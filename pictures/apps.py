from django.apps import AppConfig


class PicturesConfig(AppConfig):
    """Pictures of the examples drawn on the server as SVG: the world map and the timeline."""

    name = "pictures"
