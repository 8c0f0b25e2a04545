from django.apps import AppConfig


class TaxonomyConfig(AppConfig):
    name = "taxonomy"

    def ready(self):
        """Register what the taxonomy offers its neighbours: concepts as link targets, and
        categories and examples as discussion subjects, with the Discussion tab of their pages."""
        from django.db.models.signals import m2m_changed, post_save

        from markup import targets

        from . import (
            contributions,
            discussion,
            uploads,  # noqa: F401  (tells the files app where uploads are used)
        )
        from .concepts import Concepts
        from .models import Example, TaxonomyNode

        targets.register("taxonomy.concepts", Concepts(), order=10)
        discussion.register()
        for section in discussion.SECTIONS:
            contributions.register_section(section)
        m2m_changed.connect(discussion.example_nodes_changed, sender=Example.nodes.through,
                            dispatch_uid="taxonomy.example_nodes_changed")
        post_save.connect(discussion.node_saved, sender=TaxonomyNode,
                          dispatch_uid="taxonomy.node_saved")
