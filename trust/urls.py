from django.urls import path

from . import views

app_name = "trust"
urlpatterns = [
    path("u/<str:username>/trust/", views.set_level, name="set_level"),
]
