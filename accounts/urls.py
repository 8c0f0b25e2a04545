from django.urls import path

from . import views

app_name = "accounts"
urlpatterns = [
    path("u/<str:username>/", views.profile, name="profile"),
    path("accounts/settings/", views.account_settings, name="settings"),
    path("accounts/watching/", views.watching, name="watching"),
    path("accounts/sessions/", views.sessions, name="sessions"),
    path("accounts/sessions/end/", views.end_session, name="end_session"),
    path("accounts/data/", views.your_data, name="data"),
    path("accounts/data/download/", views.download_data, name="download_data"),
    path("accounts/data/delete/", views.delete_account, name="delete_account"),
]
