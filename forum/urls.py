"""The forum's URLs, included at /forum/ (namespace "forum")."""

from django.urls import path

from .feeds import NodeFeed, ThreadFeed
from .views import browse, compose, conversation, moderation, subjects

app_name = "forum"
urlpatterns = [
    path("", browse.index, name="index"),
    path("new/", compose.choose_board, name="choose_board"),
    path("read/", conversation.mark_all_read, name="mark_all_read"),
    path("mentions/", conversation.mention_suggestions, name="mentions"),
    path("n/<int:pk>/", browse.node_forum, name="node"),
    path("n/<int:pk>/new/", compose.new_thread, name="new_thread"),
    path("n/<int:pk>/watch/", compose.watch_node, name="watch_node"),
    path("n/<int:pk>/draft/", conversation.board_draft, name="board_draft"),
    path("n/<int:pk>/feed/", NodeFeed(), name="node_feed"),
    path("about/<slug:kind>/<int:pk>/", subjects.subject_threads, name="subject"),
    path("about/<slug:kind>/<int:pk>/new/", subjects.new_subject_thread, name="subject_new"),
    path("about/<slug:kind>/<int:pk>/watch/", subjects.watch_subject, name="subject_watch"),
    path("about/<slug:kind>/<int:pk>/draft/", conversation.subject_draft, name="subject_draft"),
    path("t/<int:pk>/", browse.thread, name="thread"),
    path("t/<int:pk>/unread/", browse.first_unread, name="unread"),
    path("t/<int:pk>/reply/", compose.reply, name="reply"),
    path("t/<int:pk>/watch/", compose.watch_thread, name="watch_thread"),
    path("t/<int:pk>/draft/", conversation.thread_draft, name="thread_draft"),
    path("t/<int:pk>/feed/", ThreadFeed(), name="thread_feed"),
    path("t/<int:pk>/moderate/", moderation.moderate_thread, name="moderate_thread"),
    path("t/<int:pk>/move/", moderation.move_thread, name="move_thread"),
    path("p/<int:pk>/", browse.post_permalink, name="post"),
    path("p/<int:pk>/history/", browse.post_history, name="post_history"),
    path("p/<int:pk>/edit/", compose.edit_post, name="edit_post"),
    path("p/<int:pk>/delete/", compose.delete_post, name="delete_post"),
    path("p/<int:pk>/flag/", compose.flag_post, name="flag_post"),
    path("p/<int:pk>/react/", conversation.react, name="react"),
    path("p/<int:pk>/reactions/", conversation.reactions_list, name="reactions"),
    path("p/<int:pk>/moderate/", moderation.moderate_post, name="moderate_post"),
    path("moderation/", moderation.queue, name="moderation"),
    path("moderation/flags/<int:pk>/", moderation.handle_flag, name="handle_flag"),
]
