"""The proposals' URLs, included at /proposals/ (namespace "proposals")."""

from django.urls import path

from . import views
from .feeds import ProposalFeed

app_name = "proposals"
urlpatterns = [
    path("", views.proposal_list, name="list"),
    path("feed/", ProposalFeed(), name="feed"),
    path("new/", views.choose, name="choose"),
    path("new/<str:kind>/", views.new, name="new"),
    path("<int:pk>/", views.detail, name="detail"),
    path("<int:pk>/vote/", views.vote, name="vote"),
    path("<int:pk>/decide/", views.decide, name="decide"),
]
