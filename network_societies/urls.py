"""Root URLconf. Wiki pages are served from the site root at their Wiki.js paths, so the wiki's
catch-all comes last and every other app lives under a prefix in NS_RESERVED_PREFIXES."""

from django.contrib import admin
from django.urls import include, path

from . import health, views

urlpatterns = [
    path("", views.home, name="home"),
    path("healthz", health.healthz, name="healthz"),
    path("admin/", admin.site.urls),
    # Ours first: its sessions page (end one session, or all others) replaces allauth's.
    path("", include("accounts.urls")),
    path("accounts/", include("allauth.urls")),
    path("", include("trust.urls")),
    path("notifications/", include("notifications.urls")),
    path("markup/", include("markup.urls")),
    path("search/", include("search.urls")),
    path("forum/", include("forum.urls")),
    path("files/", include("files.urls")),
    path("proposals/", include("proposals.urls")),
    path("api/", include(("api.urls", "api"))),
    path("", include("pictures.urls")),
    path("activity/", include("activity.urls")),
    path("", include("taxonomy.urls")),
    path("", include("wiki.urls")),
]

handler400 = "network_societies.views.bad_request"
handler403 = "network_societies.views.permission_denied"
handler404 = "network_societies.views.page_not_found"
handler500 = "network_societies.views.server_error"
