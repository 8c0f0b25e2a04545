from django.urls import path

from . import views

app_name = "accounts"
urlpatterns = [
    path("u/<str:username>/", views.profile, name="profile"),
    path("accounts/settings/", views.account_settings, name="settings"),
    path("accounts/watching/", views.watching, name="watching"),
]
