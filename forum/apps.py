from django.apps import AppConfig


def header_count(request):
    """The new and unread threads beside "Forum" in the header (one query, signed in only)."""
    from .models import Thread

    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return 0
    return Thread.objects.visible_to(user).unread_count_for(user)


class ForumConfig(AppConfig):
    name = "forum"

    def ready(self):
        """Host the site's discussions, count threads beside every taxonomy node, and contribute
        the forum's profile and watchlist sections, its default content (the welcome thread) and
        its search type."""
        import discussions
        from accounts import sections
        from activity import registry as activity_registry
        from markup import mentions
        from network_societies import default_content as site_content
        from network_societies.context_processors import register_nav_count
        from search import registry
        from taxonomy import contributions

        from . import activity as forum_activity
        from . import (
            checks,  # noqa: F401  (registers the system checks)
            default_content,
            profile,
            uploads,  # noqa: F401  (tells the files app where uploads are used)
            watching,
        )
        from .boards import on_boards_changed
        from .host import Forum
        from .models import thread_count

        discussions.register_host(Forum())
        activity_registry.register(forum_activity.source)
        discussions.boards_changed.connect(on_boards_changed, dispatch_uid="forum.boards")
        contributions.register_node_count("thread_count", thread_count)
        sections.profile.register(profile.section)
        register_nav_count("forum:index", header_count)
        mentions.register_lookup("forum:mentions")
        sections.profile.register(profile.drafts_section)
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
