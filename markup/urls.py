"""Markup's routes, under /markup/: the live preview every editor widget posts to."""

from django.urls import path

from . import views

app_name = "markup"

urlpatterns = [
    path("preview/", views.preview, name="preview"),
]
