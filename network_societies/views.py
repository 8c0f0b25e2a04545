"""The home page and the error pages, in the site's own look."""

from django.http import HttpResponseServerError
from django.shortcuts import render
from django.template import loader
from django.views.decorators.csrf import requires_csrf_token


def home(request):
    return render(request, "home.html", {})


def permission_denied(request, exception=None):
    return render(request, "403.html", {"reason": str(exception or "")}, status=403)


def page_not_found(request, exception=None):
    return render(request, "404.html", {}, status=404)


@requires_csrf_token
def server_error(request):
    # Rendered without a request context: no context processor may touch the database, since
    # the error may be the database itself.
    return HttpResponseServerError(loader.get_template("500.html").render())
