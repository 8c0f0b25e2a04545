"""Security headers on every response: a strict Content-Security-Policy and a Permissions-Policy.

The policy itself is ``settings.CONTENT_SECURITY_POLICY`` (django-csp). What this module adds is
read at request time, so tests can override it:

- ``img-src`` also names the hosts in ``settings.MARKUP_IMAGE_HOSTS``, the same allow-list the
  markup pipeline uses to decide which outside images it shows (others become links);
- ``Permissions-Policy`` from ``settings.PERMISSIONS_POLICY``.

Nothing inline is allowed, so every script and style lives in a static file; a template test
(tests/security/test_csp_templates.py) and the browser crawl keep it that way.
"""

from csp.middleware import CSPMiddleware
from django.conf import settings
from django.core.checks import Error, register

from markup.image_hosts import HOST_PATTERN, allowed_hosts


class ContentSecurityPolicyMiddleware(CSPMiddleware):
    """django-csp's middleware, with the image allow-list and the Permissions-Policy added."""

    def get_policy_parts(self, request, response, report_only=False):
        parts = super().get_policy_parts(request, response, report_only)
        hosts = allowed_hosts()
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
