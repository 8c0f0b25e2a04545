from django.apps import AppConfig


class ForumConfig(AppConfig):
    name = "forum"

    def ready(self):
        """Host the site's discussions, count threads beside every taxonomy node, and contribute
        the forum's profile and watchlist sections, its default content (the welcome thread) and
        its search type."""
        import discussions
        from accounts import sections
        from network_societies import default_content as site_content
        from search import registry
        from taxonomy import contributions

        from . import (
            default_content,
            profile,
            uploads,  # noqa: F401  (tells the files app where uploads are used)
            watching,
        )
        from .boards import on_boards_changed
        from .host import Forum
        from .models import thread_count

        discussions.register_host(Forum())
        discussions.boards_changed.connect(on_boards_changed, dispatch_uid="forum.boards")
        contributions.register_node_count("thread_count", thread_count)
        sections.profile.register(profile.section)
        sections.watchlist.register(watching.section)
        site_content.register(default_content.load)
        registry.register_type(registry.SearchType("forum", "Forum"))
        _register_personal_data()


def _register_personal_data():
    """Posts count toward trust levels (upheld flags against them hold it back) and belong to
    the person's data archive."""
    from accounts import personal_data
    from trust import activity

    from . import personal

    activity.contributions.register(personal.contributions)
    activity.flags.register(personal.upheld_flags)
    personal_data.register(personal_data.Holding("forum", personal.export, personal.erase))
