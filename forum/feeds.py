"""Atom feeds of a node's forum (its latest threads) and of a thread (its latest posts).

Only what everyone may read: hidden threads, and hidden or deleted posts, are left out.
"""

from django.contrib.syndication.views import Feed
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed

from taxonomy.models import TaxonomyNode

from .models import Post, Thread

FEED_LENGTH = 30


class NodeFeed(Feed):
    feed_type = Atom1Feed

    def get_object(self, request, pk):
        return get_object_or_404(TaxonomyNode.objects.active(), pk=pk)

    def title(self, node):
        return f"Forum: {node.name}"

    def link(self, node):
        return reverse("forum:node", args=[node.pk])

    def subtitle(self, node):
        return f"The latest discussion threads about {node.name}."

    def items(self, node):
        return (
            Thread.objects.visible().on_board(node).select_related("author")
            .order_by("-created_at", "-pk")[:FEED_LENGTH]
        )

    def item_title(self, thread):
        return thread.title

    def item_description(self, thread):
        return f"{thread.reply_count} replies"

    def item_author_name(self, thread):
        return thread.author.get_username() if thread.author else None

    def item_pubdate(self, thread):
        return thread.created_at

    def item_updateddate(self, thread):
        return thread.last_activity_at


class ThreadFeed(Feed):
    feed_type = Atom1Feed

    def get_object(self, request, pk):
        return get_object_or_404(Thread.objects.visible(), pk=pk)

    def title(self, thread):
        return thread.title

    def link(self, thread):
        return thread.get_absolute_url()

    def subtitle(self, thread):
        return f"The latest posts in “{thread.title}”."

    def items(self, thread):
        return (
            Post.objects.visible().filter(thread=thread).select_related("author", "thread")
            .order_by("-number")[:FEED_LENGTH]
        )

    def item_title(self, post):
        name = post.author.get_username() if post.author else "someone"
        return f"#{post.number} by {name}"

    def item_description(self, post):
        # Sanitised HTML from the markdown pipeline; the feed framework escapes it for Atom.
        return post.current_html()

    def item_author_name(self, post):
        return post.author.get_username() if post.author else None

    def item_pubdate(self, post):
        return post.created_at

    def item_updateddate(self, post):
        return post.edited_at or post.created_at
