"""Small HTTP helpers the apps share."""

from django.shortcuts import redirect
from django.utils.http import url_has_allowed_host_and_scheme


def redirect_back(request, fallback):
    """Redirect to the form's ``next`` when it is a URL of this site, else to ``fallback``
    (a URL, a model with get_absolute_url, or a URL name), so a button can return where it was
    pressed without opening a redirect to anywhere."""
    target = request.POST.get("next") or request.GET.get("next") or ""
    if target and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return redirect(target)
    return redirect(fallback)
