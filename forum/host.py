"""The forum as the host of discussions (``discussions.register_host``): what a concept page or
a wiki page shows of a subject's discussion, without knowing the forum.

A category's discussion is its board; anything else's is the threads about it. Visibility is the
forum's one rule (``Thread.objects.visible_to``), never repeated elsewhere.
"""

from django.urls import reverse

import discussions

from .models import NodeSubscription, SubjectSubscription, Thread

PANEL_THREADS = 5


class Forum:
    template = "forum/includes/discussion_panel.html"

    def threads(self, user, obj):
        """The threads of ``obj``'s discussion that ``user`` may see."""
        kind = discussions.kind_of(obj).kind
        visible = Thread.objects.visible_to(user)
        return visible.on_board(obj) if kind == "node" else visible.about(kind, obj.pk)

    def count(self, obj, user=None):
        from django.contrib.auth.models import AnonymousUser

        return self.threads(user or AnonymousUser(), obj).count()

    def talk_url(self, obj):
        kind = discussions.kind_of(obj).kind
        if kind == "node":
            return reverse("forum:node", args=[obj.pk])
        return reverse("forum:subject", args=[kind, obj.pk])

    def start_url(self, obj):
        kind = discussions.kind_of(obj).kind
        if kind == "node":
            return reverse("forum:new_thread", args=[obj.pk])
        return reverse("forum:subject_new", args=[kind, obj.pk])

    def watch_url(self, obj):
        kind = discussions.kind_of(obj).kind
        if kind == "node":
            return reverse("forum:watch_node", args=[obj.pk])
        return reverse("forum:subject_watch", args=[kind, obj.pk])

    def watching(self, user, obj):
        if not user.is_authenticated:
            return False
        kind = discussions.kind_of(obj).kind
        if kind == "node":
            return NodeSubscription.objects.filter(user=user, node=obj).exists()
        return SubjectSubscription.objects.filter(
            user=user, subject_kind=kind, subject_id=obj.pk).exists()

    def panel(self, request, obj, limit=PANEL_THREADS):
        """Context for ``template``: the latest threads, how many there are, and the links to
        all of them, to start one and to watch. Four queries, whatever the number of threads."""
        user = request.user
        threads = self.threads(user, obj)
        subject = discussions.kind_of(obj)
        return {
            "template": self.template,
            "stylesheet": "css/forum.css",
            "subject": obj,
            "noun": subject.noun,
            "is_board": subject.kind == "node",
            "threads": list(threads.for_listing(user).ordered()[:limit]),
            "count": threads.count(),
            "talk_url": self.talk_url(obj),
            "start_url": self.start_url(obj),
            "watch_url": self.watch_url(obj),
            "watching": self.watching(user, obj),
            "can_start": not getattr(obj, "is_retired", False)
            and not getattr(obj, "is_deleted", False),
        }
