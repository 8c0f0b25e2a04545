"""Sections of a person's pages that other apps contribute, by registering them.

    # in an app's AppConfig.ready()
    from accounts import sections
    sections.profile.register(section)      # the public profile (/u/<username>/), about ``user``
    sections.watchlist.register(section)    # the watchlist (/accounts/watching/)

A section is ``section(user, request)`` returning ``{"title", "template", "context"}`` (or None
to leave it out); the template gets the context as ``ctx``. Sections show in the order they were
registered (INSTALLED_APPS order, as apps are made ready in it). Each must make a bounded number
of queries.
"""


class Sections:
    """The sections one page shows, in order of registration."""

    def __init__(self, name):
        self.name = name
        self._builders = []

    def register(self, builder):
        """Add ``builder``; registering the same one again changes nothing."""
        if builder not in self._builders:
            self._builders.append(builder)
        return builder

    def for_user(self, user, request):
        built = (builder(user, request) for builder in self._builders)
        return [section for section in built if section]


profile = Sections("profile")
watchlist = Sections("watchlist")
