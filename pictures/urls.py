"""The pictures live beside the directory: /examples/-/map/ and /examples/-/timeline/ (an
example's slug never starts with a hyphen, so these never collide with an example)."""

from django.urls import path

from . import views

app_name = "pictures"
urlpatterns = [
    path("examples/-/map/", views.world_map, name="map"),
    path("examples/-/timeline/", views.timeline, name="timeline"),
]
