"""What counts toward promotion, contributed by the apps that hold it (a registry, not guesses).

    # in an app's AppConfig.ready()
    from trust import activity
    activity.contributions.register(fn)   # fn(user_ids) -> iterable of (user_id, created_at)
    activity.flags.register(fn)           # fn(user_ids) -> iterable of user_id, one per flag upheld

Contributions are what a person wrote (forum posts, wiki revisions); a flag upheld by a Moderator
against something they wrote holds promotion back.
"""


class Sources:
    def __init__(self):
        self._sources = []

    def register(self, source):
        if source not in self._sources:
            self._sources.append(source)
        return source

    def collect(self, user_ids):
        for source in self._sources:
            yield from source(user_ids)


contributions = Sources()
flags = Sources()
