"""The live preview: markdown posted by the editor widget, rendered by the one pipeline."""

from django.conf import settings
from django.core.exceptions import PermissionDenied, RequestDataTooBig
from django.http import HttpResponse
from django.template.loader import render_to_string
from django.views.decorators.http import require_POST

from network_societies import ratelimit

from .pipeline import MAX_PATH_LENGTH
from .resolvers import preview_html


@require_POST
def preview(request):
    """Return the rendered HTML fragment for the posted ``text`` (signed-in people only)."""
    if not request.user.is_authenticated:
        raise PermissionDenied("Sign in to preview.")
    limit = settings.WIKI_MAX_BODY_CHARS
    try:
        text = request.POST.get("text", "")
    except RequestDataTooBig:
        text = None
    if text is None or len(text) > limit:
        return _fragment("markup/preview_too_long.html", {"limit": limit}, status=413)
    try:
        # Each preview renders up to a full body: counted like posting, by the site's one limiter.
        ratelimit.consume(request.user, "preview")
    except ratelimit.RateLimited as limited:
        response = _fragment("markup/preview_rate_limited.html", {"limited": limited}, status=429)
        response["Retry-After"] = str(limited.retry_after)
        return response
    # Forum composers ask for @mentions; wiki pages never render them. Red links as the saved
    # page will show them, so a writer sees which pages do not exist yet.
    # A wiki page's editor sends the page's path: relative links and files resolve from it.
    page_path = request.POST.get("path", "")[:MAX_PATH_LENGTH].strip("/") or None
    html = preview_html(text, mentions=bool(request.POST.get("mentions")), page_path=page_path)
    return _fragment("markup/preview.html", {"html": html})


def _fragment(template, context, status=200):
    # A bare fragment: no request context, so no context processors and their queries.
    return HttpResponse(render_to_string(template, context), status=status)
