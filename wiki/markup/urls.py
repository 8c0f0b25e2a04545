"""Markup's routes, included by wiki/urls.py under /wiki/ (the names join the wiki: namespace)."""

from django.urls import path

from . import views

urlpatterns = [
    path("preview/", views.preview, name="preview"),
]
