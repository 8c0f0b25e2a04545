from django.apps import AppConfig


class WikiConfig(AppConfig):
    name = "wiki"

    def ready(self):
        """Register pages as link targets and as something people discuss (a talk page), and
        contribute the wiki's profile and watchlist sections, its default content (the founding
        page) and its search type and tag filter."""
        import discussions
        from accounts import sections
        from activity import registry as activity_registry
        from markup import targets
        from network_societies import default_content as site_content
        from search import registry

        from . import activity as wiki_activity
        from . import (
            default_content,
            profile,
            uploads,  # noqa: F401  (tells the files app where uploads are used)
            watching,
        )
        from .link_targets import Pages
        from .models import Page, Tag
        from .permissions import can_read

        # After the taxonomy's concepts (order 10): a category's name wins over a page title.
        targets.register("wiki.pages", Pages(), order=50)
        activity_registry.register(wiki_activity.source)
        discussions.register(discussions.Subject(
            kind="page", model=Page, noun="page", can_read=can_read,
            lookup=lambda pk: Page.objects.live().filter(pk=pk).first(),
            lookup_many=lambda pks: Page.objects.live().in_bulk(list(pks)),
        ))
        sections.profile.register(profile.section)
        sections.watchlist.register(watching.section)
        site_content.register(default_content.load)
        registry.register_type(registry.SearchType(
            "pages", "Pages", suggest=True, result_template="wiki/search_result.html"
        ))
        _register_personal_data()
        registry.register_filter(registry.SearchFilter(
            param="tag", field="tag_slugs", label="Tag",
            matching=Tag.objects.matching_query, offer_label="Tags",
        ))


def _register_personal_data():
    """Revisions count toward trust levels and belong to the person's data archive."""
    from accounts import personal_data
    from trust import activity

    from . import personal

    activity.contributions.register(personal.contributions)
    personal_data.register(personal_data.Holding("wiki", personal.export, personal.erase))
