from django.apps import AppConfig


class WikiConfig(AppConfig):
    name = "wiki"

    def ready(self):
        """Register pages as link targets and as something people discuss (a talk page)."""
        import discussions
        from markup import targets

        from . import uploads  # noqa: F401  (tells the files app where uploads are used)
        from .link_targets import Pages
        from .models import Page
        from .permissions import can_read

        # After the taxonomy's concepts (order 10): a category's name wins over a page title.
        targets.register("wiki.pages", Pages(), order=50)
        discussions.register(discussions.Subject(
            kind="page", model=Page, noun="page", can_read=can_read,
            lookup=lambda pk: Page.objects.live().filter(pk=pk).first(),
            lookup_many=lambda pks: Page.objects.live().in_bulk(list(pks)),
        ))
