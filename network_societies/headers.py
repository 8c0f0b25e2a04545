"""Security headers on every response: a strict Content-Security-Policy and a Permissions-Policy.

The policy itself is ``settings.CONTENT_SECURITY_POLICY`` (django-csp). What this module adds is
read at request time, so tests can override it:

- ``img-src`` also names the hosts in ``settings.MARKUP_IMAGE_HOSTS``, the same allow-list the
  markup pipeline uses to decide which outside images it shows (others become links);
- ``Permissions-Policy`` from ``settings.PERMISSIONS_POLICY``.

Nothing inline is allowed, so every script and style lives in a static file; a template test
(tests/security/test_csp_templates.py) and the browser crawl keep it that way.
"""

import re

from csp.middleware import CSPMiddleware
from django.conf import settings
from django.core.checks import Error, register

# A host a person may allow images from: "images.example.org" or "*.example.org", optionally with
# a port. Anything else (a scheme, a path, a space, a quote, a ";") could rewrite the policy.
HOST_PATTERN = re.compile(r"(\*\.)?[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)*"
                          r"(:\d{1,5})?\Z")


def image_hosts():
    """The allowed outside image hosts, lowercased; invalid entries are dropped (and reported
    by the system check ``network_societies.E001``)."""
    hosts = (host.strip().lower() for host in getattr(settings, "MARKUP_IMAGE_HOSTS", ()))
    return [host for host in hosts if HOST_PATTERN.match(host)]


class ContentSecurityPolicyMiddleware(CSPMiddleware):
    """django-csp's middleware, with the image allow-list and the Permissions-Policy added."""

    def get_policy_parts(self, request, response, report_only=False):
        parts = super().get_policy_parts(request, response, report_only)
        hosts = image_hosts()
        if hosts and not report_only:
            parts.update = {**(parts.update or {}), "img-src": hosts}
        return parts

    def process_response(self, request, response):
        if settings.PERMISSIONS_POLICY and "Permissions-Policy" not in response:
            response["Permissions-Policy"] = settings.PERMISSIONS_POLICY
        return super().process_response(request, response)


@register()
def check_image_hosts(app_configs, **kwargs):
    return [
        Error(
            f"MARKUP_IMAGE_HOSTS entry {host!r} is not a host name.",
            hint='Write bare hosts such as "images.example.org" or "*.example.org", '
            "without a scheme or a path.",
            id="network_societies.E001",
        )
        for host in getattr(settings, "MARKUP_IMAGE_HOSTS", ())
        if not HOST_PATTERN.match(host.strip().lower())
    ]
