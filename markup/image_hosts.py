"""Which outside hosts pages may load images from: ``settings.MARKUP_IMAGE_HOSTS``.

An image from any other host would tell that host who reads the page, so the sanitiser turns it
into a link naming the host (sanitiser.ExternalImageFilter), and the Content-Security-Policy's
``img-src`` (network_societies/headers.py) allows exactly these hosts besides the site itself.
"""

import re

from django.conf import settings

# "images.example.org" or "*.example.org", optionally with a port. Anything else (a scheme, a
# path, a space, a quote, a ";") could rewrite the policy, so it is dropped and reported by the
# system check network_societies.E001.
HOST_PATTERN = re.compile(r"(\*\.)?[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)*"
                          r"(:\d{1,5})?\Z")


def allowed_hosts():
    """The allow-list, lowercased, invalid entries left out."""
    hosts = (host.strip().lower() for host in getattr(settings, "MARKUP_IMAGE_HOSTS", ()))
    return [host for host in hosts if HOST_PATTERN.match(host)]


def is_allowed(host):
    """True when images from ``host`` (a hostname, maybe with a port) may be shown."""
    host = (host or "").lower()
    for allowed in allowed_hosts():
        if allowed.startswith("*."):
            if host.endswith(allowed[1:]) and len(host) > len(allowed) - 1:
                return True
        elif host == allowed:
            return True
    return False
