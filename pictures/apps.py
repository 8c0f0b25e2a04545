from django.apps import AppConfig


class PicturesConfig(AppConfig):
    """Pictures of the examples drawn on the server as SVG: the world map and the timeline."""

    name = "pictures"

    def ready(self):
        from network_societies import panels

        from .views import directory_panel

        # The directory links to the same examples on the map and the timeline.
        panels.register("taxonomy.directory", directory_panel)
