from django.apps import AppConfig


class ProposalsConfig(AppConfig):
    name = "proposals"
    verbose_name = "Proposals"

    def ready(self):
        """Show proposals on threads, the home page, the examples list (panels) and concept
        pages' Discussion tabs (taxonomy.contributions); link changes to the proposal that made
        them; contribute a profile section and the search type."""
        from accounts import sections
        from activity import registry as activity_registry
        from network_societies import panels
        from search import registry
        from taxonomy import contributions, sources

        from . import activity as proposals_activity
        from . import (
            checks,  # noqa: F401  (registers the system checks)
            concept,
            profile,
        )
        from .panels import examples_list_panel, home_panel, thread_panel
        from .sources import change_sources

        panels.register("forum.thread", thread_panel)
        activity_registry.register(proposals_activity.source)
        panels.register("taxonomy.examples", examples_list_panel)
        panels.register("home", home_panel)
        contributions.register_section(contributions.Section(
            key="proposals", tab="discussion", order=20,
            template="proposals/includes/concept_section.html", build=concept.section,
        ))
        sources.register(change_sources)
        sections.profile.register(profile.section)
        registry.register_type(registry.SearchType("proposals", "Proposals"))

        from accounts import personal_data

        from . import personal

        personal_data.register(personal_data.Holding("proposals", personal.export))
