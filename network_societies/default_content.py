"""The site's default content, contributed by the apps that own it.

An app registers a loader in its ``AppConfig.ready()``:

    from network_societies import default_content
    default_content.register(load)   # load(stdout): creates what is missing, idempotently

``manage.py load_default_content`` runs the loaders in the order they were registered, which is
INSTALLED_APPS order (apps are made ready in it): wiki pages exist before the taxonomy links them,
and the taxonomy's root before the forum's welcome thread. A loader never overwrites what people
have changed since.
"""

_loaders = []


def register(loader):
    """Add ``loader`` (registering it again changes nothing); returns it, to serve as a
    decorator."""
    if loader not in _loaders:
        _loaders.append(loader)
    return loader


def loaders():
    return list(_loaders)


def load_all(stdout):
    for loader in _loaders:
        loader(stdout=stdout)
