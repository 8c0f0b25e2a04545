from django.apps import AppConfig


class ForumConfig(AppConfig):
    name = "forum"

    def ready(self):
        """Contribute the forum's profile and watchlist sections, its default content (the
        welcome thread) and its search type."""
        from accounts import sections
        from network_societies import default_content as site_content
        from search import registry

        from . import (
            default_content,
            profile,
            uploads,  # noqa: F401  (tells the files app where uploads are used)
            watching,
        )

        sections.profile.register(profile.section)
        sections.watchlist.register(watching.section)
        site_content.register(default_content.load)
        registry.register_type(registry.SearchType("forum", "Forum"))
