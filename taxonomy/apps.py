from django.apps import AppConfig


class TaxonomyConfig(AppConfig):
    name = "taxonomy"

    def ready(self):
        """Contribute the default taxonomy, the search type and the scale filter."""
        from network_societies import default_content as site_content
        from search import registry

        from . import (
            default_content,
            uploads,  # noqa: F401  (tells the files app where uploads are used)
        )
        from .models import scale_choices

        site_content.register(default_content.load)
        registry.register_type(registry.SearchType("taxonomy", "Taxonomy", suggest=True))
        registry.register_filter(registry.SearchFilter(
            param="scale", field="scale", label="Scale", choices=scale_choices,
        ))
