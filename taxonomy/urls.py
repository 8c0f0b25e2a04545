"""The taxonomy's URLs, included at the site root: /taxonomy/…, /taxonomy.json, /examples/….

Editing lives under /taxonomy/-/ so it can never collide with a node path (a slug never starts
with a hyphen); the node route takes any path and comes after it.
"""

from django.urls import path, re_path

from .views import api, browse, edit, history

app_name = "taxonomy"
urlpatterns = [
    path("taxonomy/", browse.index, name="index"),
    path("taxonomy.json", api.tree_json, name="json"),
    path("taxonomy/-/new/", edit.node_add, name="node_add"),
    path("taxonomy/-/history/", history.all_changes, name="history"),
    path("taxonomy/-/<int:pk>/edit/", edit.node_edit, name="node_edit"),
    path("taxonomy/-/<int:pk>/retire/", edit.node_retire, name="node_retire"),
    path("taxonomy/-/<int:pk>/restore/", edit.node_restore, name="node_restore"),
    path("taxonomy/-/<int:pk>/history/", history.node_history, name="node_history"),
    path("taxonomy/-/changes/<int:pk>/revert/", history.revert, name="revert"),
    re_path(r"^taxonomy/(?P<path>[a-z0-9][a-z0-9/-]*)\.json$", api.node_json, name="node_json"),
    path("taxonomy/<path:path>/", browse.node_detail, name="node"),
    path("examples/-/new/", edit.example_add, name="example_add"),
    path("examples/<slug:slug>/", browse.example_detail, name="example"),
    path("examples/<slug:slug>/edit/", edit.example_edit, name="example_edit"),
    path("examples/<slug:slug>/retire/", edit.example_retire, name="example_retire"),
    path("examples/<slug:slug>/restore/", edit.example_restore, name="example_restore"),
    path("examples/<slug:slug>/history/", history.example_history, name="example_history"),
]
