"""The wiki's answer to ``markup.targets``: pages (and paths that redirect to one) exist, and
``[[Title]]`` links the page with that title."""

from .models import Page, path_key


class Pages:
    def existing_paths(self, paths):
        # Page lookups ignore case (``Page.path_key``): a link to /Design/Formulas finds the page
        # stored as design/formulas, and the other way round.
        keys = {path: path_key(path) for path in paths}
        found = Page.objects.existing_paths(set(keys.values()))
        return {path for path, key in keys.items() if key in found}

    def paths_for_names(self, names):
        return Page.objects.paths_for_titles(names)

    def home_url(self, path):
        return None  # a page is its own home

    def home_urls(self, paths):
        return {}
