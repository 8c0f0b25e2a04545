"""The taxonomy's URLs, included at the site root: /taxonomy/…, /taxonomy.json, /examples/….

Editing lives under /taxonomy/-/ so it can never collide with a node path (a slug never starts
with a hyphen); the node route takes any path and comes after it.
"""

from django.urls import path, re_path

from .views import api, browse, directory, edit, facets, history, sources, spreadsheets

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
    path("examples/", directory.index, name="directory"),
    path("examples/-/compare/", directory.compare_view, name="compare"),
    path("examples/-/unsourced/", directory.unsourced_view, name="unsourced"),
    path("examples/-/places.json", directory.places, name="places"),
    re_path(r"^examples/-/export\.(?P<file_format>csv|xlsx|ods)$", directory.export,
            name="export"),
    path("examples/-/import/", spreadsheets.upload, name="import"),
    path("examples/-/imports/", spreadsheets.imports, name="imports"),
    path("examples/-/imports/<int:pk>/", spreadsheets.detail, name="import_detail"),
    path("examples/-/imports/<int:pk>/apply/", spreadsheets.confirm, name="import_confirm"),
    path("examples/-/imports/<int:pk>/discard/", spreadsheets.discard, name="import_discard"),
    path("examples/-/facets/", facets.index, name="facets"),
    path("examples/-/facets/history/", facets.history, name="facet_history"),
    path("examples/-/facets/new/", facets.facet_form, name="facet_add"),
    path("examples/-/facets/<int:pk>/edit/", facets.facet_form, name="facet_edit"),
    path("examples/-/facets/<int:facet_pk>/values/new/", facets.value_form, name="value_add"),
    path("examples/-/facets/values/<int:pk>/edit/", facets.value_form, name="value_edit"),
    path("examples/-/facets/<str:kind>/<int:pk>/<str:action>/", facets.retire_or_restore,
         name="facet_state"),
    path("examples/-/new/", edit.example_add, name="example_add"),
    path("examples/<slug:slug>/", browse.example_detail, name="example"),
    path("examples/<slug:slug>/edit/", edit.example_edit, name="example_edit"),
    path("examples/<slug:slug>/retire/", edit.example_retire, name="example_retire"),
    path("examples/<slug:slug>/restore/", edit.example_restore, name="example_restore"),
    path("examples/<slug:slug>/history/", history.example_history, name="example_history"),
    path("examples/<slug:slug>/sources/", sources.edit_sources, name="example_sources"),
]
