"""The home page and the error pages, in the site's own look."""

from django.http import HttpResponseBadRequest, HttpResponseServerError
from django.shortcuts import render
from django.template import loader
from django.views.decorators.csrf import requires_csrf_token

from activity.views import since_last_visit
from forum.models import Thread
from taxonomy.models import TaxonomyNode
from wiki.models import Page

from .personalcache import personal_page

# The page that says what network societies are; the home page leads to it first.
FOUNDING_PAGE_PATH = "network-societies"
LATEST_THREADS = 6


@personal_page
def home(request):
    """What the site is, the three scales with their categories, and the latest discussions;
    for a signed-in member, what changed since their last visit comes first.

    A fixed number of queries, however big the taxonomy and the forum grow.
    """
    since, groups = since_last_visit(request.user) if request.user.is_authenticated else (
        None, [])
    return render(request, "home.html", {
        "since": since,
        "activity_groups": groups,
        "founding_page": Page.objects.live().filter(path=FOUNDING_PAGE_PATH).first(),
        "founding_page_path": "/" + FOUNDING_PAGE_PATH,
        "scales": TaxonomyNode.objects.scales_with_categories(),
        "threads": Thread.objects.recent(request.user, limit=LATEST_THREADS),
    })


def bad_request(request, exception=None):
    # Rendered without the request: its query string or body is what could not be read (more
    # than DATA_UPLOAD_MAX_NUMBER_FIELDS fields raises again on every access to request.GET).
    return HttpResponseBadRequest(loader.get_template("400.html").render())


def permission_denied(request, exception=None):
    return render(request, "403.html", {"reason": str(exception or "")}, status=403)


def page_not_found(request, exception=None):
    return render(request, "404.html", {}, status=404)


@requires_csrf_token
def server_error(request):
    # Rendered without a request context: no context processor may touch the database, since
    # the error may be the database itself.
    return HttpResponseServerError(loader.get_template("500.html").render())
