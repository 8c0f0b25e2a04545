"""The files app: uploads, their versions, thumbnails, covers, and the pages that show them."""

from django.apps import AppConfig


class FilesConfig(AppConfig):
    name = "files"
    verbose_name = "Files"

    def ready(self):
        from markup import images, references

        from . import checks  # noqa: F401  (registers the system checks)
        from .rendering import describe_images
        from .sources import resolve_source_paths

        images.register(describe_images)
        # Imported files at the paths pages reference them by (Wiki.js assets).
        references.register(resolve_source_paths)

        from accounts import personal_data

        from . import personal

        personal_data.register(personal_data.Holding("files", personal.export))
