from django.apps import AppConfig


class WikiConfig(AppConfig):
    name = "wiki"

    def ready(self):
        """Contribute the wiki's profile and watchlist sections, its default content (the
        founding page) and its search type and tag filter."""
        from accounts import sections
        from network_societies import default_content as site_content
        from search import registry

        from . import (
            default_content,
            profile,
            uploads,  # noqa: F401  (tells the files app where uploads are used)
            watching,
        )
        from .models import Tag

        sections.profile.register(profile.section)
        sections.watchlist.register(watching.section)
        site_content.register(default_content.load)
        registry.register_type(registry.SearchType(
            "pages", "Pages", suggest=True, result_template="wiki/search_result.html"
        ))
        registry.register_filter(registry.SearchFilter(
            param="tag", field="tag_slugs", label="Tag",
            matching=Tag.objects.matching_query, offer_label="Tags",
        ))
