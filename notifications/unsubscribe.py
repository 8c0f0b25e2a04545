"""One-click unsubscribe from any stream of email the site sends (RFC 8058), without signing in.

Each email names its stream and carries, in ``List-Unsubscribe``, a link with a signed token
(the person and the stream; no expiry, as old emails must keep working), and the
``List-Unsubscribe-Post: List-Unsubscribe=One-Click`` header, so a mail client can POST to the
link for the person. Opening the link in a browser shows a confirmation button instead: a GET
never unsubscribes (link scanners follow every link in a mail).

Streams are registered by the app that sends them (``register(Stream(...))`` in ready()); the
notifications app registers its own: notification emails.
"""

from collections.abc import Callable
from dataclasses import dataclass

from django.conf import settings
from django.core import signing
from django.urls import reverse

SALT = "notifications.unsubscribe"

_streams = {}


@dataclass(frozen=True)
class Stream:
    key: str  # in tokens: never rename one
    noun: str  # "notification emails", for the confirmation page
    stop: Callable  # stop(user): no more of these emails


def register(stream):
    _streams[stream.key] = stream


def stream(key):
    return _streams.get(key)


def token(user, key):
    return signing.dumps({"u": user.pk, "s": key}, salt=SALT, compress=True)


def read(value):
    """``(user id, Stream)`` from a token, or None if it was not made here or names no stream."""
    try:
        data = signing.loads(value, salt=SALT)
    except signing.BadSignature:
        return None
    found = _streams.get(data.get("s")) if isinstance(data, dict) else None
    if found is None or not isinstance(data.get("u"), int):
        return None
    return data["u"], found


def url(user, key):
    """The absolute one-click address for ``user`` and stream ``key``."""
    return settings.NS_SITE_URL.rstrip("/") + reverse(
        "notifications:unsubscribe", args=[token(user, key)])


def headers(user, key):
    """The RFC 8058 headers for an email of stream ``key`` to ``user``."""
    return {
        "List-Unsubscribe": f"<{url(user, key)}>",
        "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
    }
