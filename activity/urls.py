"""The activity's URLs, included at /activity/ (namespace "activity")."""

from django.urls import path

from . import views

app_name = "activity"
urlpatterns = [
    path("", views.index, name="index"),
    path("digest/", views.digest, name="digest"),
]
