from django.apps import AppConfig


class TaxonomyConfig(AppConfig):
    name = "taxonomy"

    def ready(self):
        """Register what the taxonomy offers its neighbours: concepts as link targets, categories
        and examples as discussion subjects with the Discussion tab of their pages, the default
        taxonomy, the search type and the scale filter."""
        from django.db.models.signals import m2m_changed, post_save

        from activity import registry as activity_registry
        from markup import targets
        from network_societies import default_content as site_content
        from search import registry

        from . import activity as taxonomy_activity
        from . import (
            contributions,
            default_content,
            discussion,
            uploads,  # noqa: F401  (tells the files app where uploads are used)
        )
        from .concepts import Concepts
        from .models import Example, TaxonomyNode, scale_choices

        targets.register("taxonomy.concepts", Concepts(), order=10)
        activity_registry.register(taxonomy_activity.source)
        discussion.register()
        for section in discussion.SECTIONS:
            contributions.register_section(section)
        m2m_changed.connect(discussion.example_nodes_changed, sender=Example.nodes.through,
                            dispatch_uid="taxonomy.example_nodes_changed")
        post_save.connect(discussion.node_saved, sender=TaxonomyNode,
                          dispatch_uid="taxonomy.node_saved")
        site_content.register(default_content.load)
        registry.register_type(registry.SearchType("taxonomy", "Taxonomy", suggest=True))
        registry.register_filter(registry.SearchFilter(
            param="scale", field="scale", label="Scale", choices=scale_choices,
        ))
        from . import sources
        from .spreadsheets import change_sources

        sources.register(change_sources)
