"""Link targets: what a site-relative link or a ``[[Name]]`` in markdown can lead to.

Markup renders links but owns nothing they point at. Apps that own addressable things register a
provider in their ``AppConfig.ready()``: the wiki its pages (and the old paths that redirect to
them), the taxonomy its categories and examples (by name, old name and article path). The
pipeline, the preview and every page that marks red links ask this registry, so they all agree
on which links are red, and a link is red only when no provider answers for its path.

A provider is any object with these methods (each one query at most, whatever the input size):

- ``existing_paths(paths) -> set``: those of ``paths`` a reader reaches through this provider;
- ``paths_for_names(names) -> {name: path}``: the path that ``[[name]]`` links to, for the
  names this provider knows;
- ``home_url(path) -> str | None``: the canonical address of a thing that lives at this page
  path when it is not the page itself (a category whose article the page is), else None;
- ``home_urls(paths) -> {path: url}``: the same for many paths at once.
"""

import unicodedata

_providers = {}


def register(key, provider, *, order=100):
    """Add (or replace) the provider called ``key``; lower ``order`` is asked first."""
    _providers[key] = (order, provider)


def providers():
    return [provider for _, provider in sorted(_providers.values(), key=lambda item: item[0])]


def fold(name):
    """A name as matching sees it: case, accents, hyphens and spacing ignored
    ("Pop-up  Villages", "pop up villages" and "Pöp-up villages" are one name)."""
    decomposed = unicodedata.normalize("NFKD", str(name))
    bare = "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()
    return " ".join(bare.replace("-", " ").replace("_", " ").split())


def existing_paths(paths):
    """Those of ``paths`` some provider answers for.

    Paths go to the providers in the opposite order to names: most links are to pages, so the
    wiki (asked last for names) answers them first and the others only see what is left.
    """
    remaining = set(paths)
    found = set()
    for provider in reversed(providers()):
        if not remaining:
            break
        hits = set(provider.existing_paths(remaining)) & remaining
        found |= hits
        remaining -= hits
    return found


def missing_paths(paths):
    """Those of ``paths`` nothing answers for: the red links."""
    return set(paths) - existing_paths(paths)


def paths_for_names(names):
    """{name: path} for ``[[name]]`` wikilinks; the first provider that knows a name wins."""
    remaining = set(names)
    found = {}
    for provider in providers():
        if not remaining:
            break
        for name, path in provider.paths_for_names(remaining).items():
            if name in remaining:
                found[name] = path
                remaining.discard(name)
    return found


def home_urls(paths):
    """{path: home URL} for those of ``paths`` that belong to something else (one query per
    provider): search shows a concept's article and the concept as one result."""
    remaining = set(paths)
    found = {}
    for provider in providers():
        if not remaining:
            break
        for path, url in provider.home_urls(remaining).items():
            if path in remaining and url:
                found[path] = url
                remaining.discard(path)
    return found


def home_url(path):
    """The canonical address of the thing that owns page path ``path``, if it is not the page."""
    for provider in providers():
        url = provider.home_url(path)
        if url:
            return url
    return None
