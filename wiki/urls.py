"""The wiki's URLs: its own routes under /wiki/ (and teammates' under /tags/, /recent/), then
pages at their Wiki.js paths from the site root. The catch-all page route MUST stay last."""

from django.urls import path, re_path

from . import feeds
from .views import actions, changes, editor, history, pages, tags

app_name = "wiki"

# A page path in a URL: non-empty segments separated by single slashes; views validate the rest.
PATH = r"(?P<path>[^/]+(?:/[^/]+)*)"

urlpatterns = [
    path("wiki/new/", editor.new_page, name="new"),
    path("wiki/pages/", pages.page_list, name="page_list"),
    path("wiki/tree/", pages.tree, name="tree"),
    path("wiki/recycle-bin/", actions.recycle_bin, name="recycle_bin"),
    re_path(rf"^wiki/edit/{PATH}$", editor.edit, name="edit"),
    re_path(rf"^wiki/history/{PATH}/(?P<number>[0-9]+)/$", history.revision, name="revision"),
    re_path(rf"^wiki/history/{PATH}$", history.history, name="history"),
    re_path(rf"^wiki/diff/{PATH}/$", history.diff, name="diff"),
    re_path(rf"^wiki/revert/{PATH}/(?P<number>[0-9]+)/$", history.revert, name="revert"),
    re_path(rf"^wiki/links/{PATH}$", pages.backlinks, name="backlinks"),
    re_path(rf"^wiki/watch/{PATH}$", actions.watch, name="watch"),
    re_path(rf"^wiki/move/{PATH}$", actions.move, name="move"),
    re_path(rf"^wiki/delete/{PATH}$", actions.delete, name="delete"),
    re_path(rf"^wiki/restore/{PATH}$", actions.restore, name="restore"),
    re_path(rf"^wiki/protect/{PATH}$", actions.protect, name="protect"),
    path("tags/", tags.tag_index, name="tag_index"),
    path("tags/<str:slugs>/", tags.tag_pages, name="tag_pages"),
    path("recent/", changes.recent_changes, name="recent_changes"),
    path("recent/feed/", feeds.RecentChangesFeed(), name="recent_changes_feed"),
    re_path(rf"^wiki/history/{PATH}/feed/$", feeds.PageHistoryFeed(), name="history_feed"),
    # Teammates' routes (tags, recent changes, feeds) go above this line.
    # Last: every other path is a page (or an offer to create one).
    re_path(r"^(?P<path>.+)$", pages.page, name="page"),
]
