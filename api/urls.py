"""/api/…: the read API (api.site)."""

from .site import api

urlpatterns = [*api.urls[0]]
