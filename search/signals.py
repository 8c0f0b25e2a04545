"""Signals the search app sends, so other apps can follow the index without importing its parts."""

from django.dispatch import Signal

# Sent after a drain wrote to the index (``applied``: how many outbox rows). What a search shows
# changed although no content table did: the page cache listens, so an anonymous reader who
# searched before the worker caught up does not keep the older answer.
index_changed = Signal()
