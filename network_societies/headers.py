"""Security headers on every response: a strict Content-Security-Policy and a Permissions-Policy.

The policy itself is ``settings.CONTENT_SECURITY_POLICY`` (django-csp). What this module adds is
read at request time, so tests can override it:

- ``img-src`` also names the hosts in ``settings.MARKUP_IMAGE_HOSTS``, the same allow-list the
  markup pipeline uses to decide which outside images it shows (others become links);
- ``Permissions-Policy`` from ``settings.PERMISSIONS_POLICY``.

No view changes its policy (no nonce, no per-view decorator), so the headers are built once and
reused until a setting changes; a response that does carry its own (a nonce, a ``csp_*``
decorator) gets django-csp's own treatment.

Nothing inline is allowed, so every script and style lives in a static file; a template test
(tests/security/test_csp_templates.py) and the browser crawl keep it that way.
"""

import functools

from csp.constants import HEADER, HEADER_REPORT_ONLY
from csp.middleware import CheckableLazyObject, CSPMiddleware
from django.conf import settings
from django.core.checks import Error, register
from django.core.signals import setting_changed
from django.http import HttpRequest, HttpResponse

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
        if not _plain(request, response):
            return super().process_response(request, response)
        for header, value in self._site_headers():
            if header not in response:
                response[header] = value
        # As django-csp does: asking for a nonce after the header is written is an error.
        request.csp_nonce = CheckableLazyObject(self._csp_nonce_post_response)
        return response

    @functools.cache  # noqa: B019  (one middleware per process; cleared when a setting changes)
    def _site_headers(self):
        """The policy headers of a response that carries no policy of its own."""
        blank = super().process_response(HttpRequest(), HttpResponse())
        return [(name, blank[name]) for name in (HEADER, HEADER_REPORT_ONLY) if name in blank]


_OWN_POLICY = ("_csp_exempt", "_csp_config", "_csp_update", "_csp_replace", "_csp_exempt_ro",
               "_csp_config_ro", "_csp_update_ro", "_csp_replace_ro")


def _plain(request, response):
    """Whether the site's policy applies as it is: no nonce, no per-view policy, no exclusions."""
    return (
        not settings.DEBUG
        and getattr(request, "_csp_nonce", None) is None
        and not any(hasattr(response, name) for name in _OWN_POLICY)
        and not any((getattr(settings, name, None) or {}).get("EXCLUDE_URL_PREFIXES")
                    for name in ("CONTENT_SECURITY_POLICY", "CONTENT_SECURITY_POLICY_REPORT_ONLY"))
    )


def _forget_headers(**kwargs):
    ContentSecurityPolicyMiddleware._site_headers.cache_clear()


setting_changed.connect(_forget_headers, dispatch_uid="headers.forget_site_headers")


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
