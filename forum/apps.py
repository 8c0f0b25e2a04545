from django.apps import AppConfig


class ForumConfig(AppConfig):
    name = "forum"

    def ready(self):
        """Host the site's discussions, and count threads beside every taxonomy node."""
        import discussions
        from taxonomy import contributions

        from . import uploads  # noqa: F401  (tells the files app where uploads are used)
        from .boards import on_boards_changed
        from .host import Forum
        from .models import thread_count

        discussions.register_host(Forum())
        discussions.boards_changed.connect(on_boards_changed, dispatch_uid="forum.boards")
        contributions.register_node_count("thread_count", thread_count)
