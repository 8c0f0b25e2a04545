"""Files' routes, under /files/: list, upload, file pages, their actions, and the bytes.

Markdown references ``/files/<id>/<name>`` (the current original); ``v<n>`` pins a version and
``w<width>`` asks for a thumbnail.
"""

from django.urls import path

from .views import actions, pages, raw

app_name = "files"

urlpatterns = [
    path("", pages.file_list, name="list"),
    path("upload/", actions.upload, name="upload"),
    path("recycle-bin/", pages.recycle_bin, name="recycle_bin"),
    path("cover/<int:content_type_id>/<int:object_id>/", actions.set_cover, name="cover"),
    path("<int:pk>/", pages.detail, name="detail"),
    path("<int:pk>/versions/", actions.new_version, name="new_version"),
    path("<int:pk>/description/", actions.describe, name="describe"),
    path("<int:pk>/delete/", actions.delete, name="delete"),
    path("<int:pk>/restore/", actions.restore, name="restore"),
    path("<int:pk>/v<int:number>/<str:name>", raw.version, name="version"),
    path("<int:pk>/w<int:width>/<str:name>", raw.thumbnail, name="thumbnail"),
    path("<int:pk>/<str:name>", raw.current, name="raw"),
]
