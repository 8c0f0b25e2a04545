"""The floor: a bare Django view returning 9.6 KB of HTML, served by the same gunicorn settings as
the site. Nothing can be faster on this stack; bench/http_bench.py reports the site's views as
ratios to it.

    gunicorn bench.floor:application
"""

from django.conf import settings

if not settings.configured:
    settings.configure(
        DEBUG=False,
        SECRET_KEY="bench-floor-only",  # noqa: S106
        ALLOWED_HOSTS=["127.0.0.1", "localhost"],
        ROOT_URLCONF=__name__,
        MIDDLEWARE=[],
        INSTALLED_APPS=[],
    )

import django  # noqa: E402
from django.core.wsgi import get_wsgi_application  # noqa: E402
from django.http import HttpResponse  # noqa: E402
from django.urls import path  # noqa: E402

BODY = "<!doctype html><title>Floor</title><main>" + ("<p>" + "y" * 92 + "</p>") * 96 + "</main>"


def floor(request):
    return HttpResponse(BODY)


urlpatterns = [path("", floor)]

django.setup()
application = get_wsgi_application()
