"""The wiki's answer to ``markup.targets``: pages (and paths that redirect to one) exist, and
``[[Title]]`` links the page with that title."""

from .models import Page


class Pages:
    def existing_paths(self, paths):
        return Page.objects.existing_paths(paths)

    def paths_for_names(self, names):
        return Page.objects.paths_for_titles(names)

    def home_url(self, path):
        return None  # a page is its own home
