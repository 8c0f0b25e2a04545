"""Discussion threads on taxonomy nodes: threads, numbered posts, their edit history, who has read
what, who watches what, flags and the moderation log.

Posts are numbered 1, 2, 3… within their thread, so a page of a thread is a range of numbers
(no OFFSET, whatever the length), a permalink knows its page, and "unread" is one subtraction
against the number a person last read. Data-changing operations live in ``forum.actions``.
"""


from datetime import timedelta

from django.conf import settings
from django.db import models
from django.db.models import Case, Count, F, OuterRef, Q, Subquery, Value, When
from django.db.models.functions import Coalesce
from django.urls import reverse
from django.utils import timezone

from markup import StoredMarkup
from search.index import FilterField, Indexed, SearchField

POSTS_PER_PAGE = 20
THREADS_PER_PAGE = 30


def new_since(user):
    """Threads started from this moment on are "new" to ``user`` until they open them: since
    they joined, and at least those of the last ``FORUM_NEW_THREAD_DAYS`` days."""
    window = timezone.now() - timedelta(days=settings.FORUM_NEW_THREAD_DAYS)
    return min(user.date_joined, window)


def page_of(number):
    """The page of a thread on which post ``number`` is shown."""
    return (max(number, 1) - 1) // POSTS_PER_PAGE + 1


class ThreadQuerySet(models.QuerySet):
    def visible(self):
        """Threads everyone may read: not hidden by a moderator."""
        return self.filter(hidden=False)

    def visible_to(self, user):
        """The queryset half of ``forum.permissions.can_view_thread``."""
        from accounts.roles import is_moderator

        return self if is_moderator(user) else self.visible()

    def for_listing(self, user=None):
        """Everything a thread list shows, in the same single query: author, last poster, node
        and, for a signed-in person, how far they have read (``read_upto``; see ``unread_count``).
        """
        qs = self.select_related("author", "last_poster", "node")
        if user is None or not user.is_authenticated:
            return qs
        last_read = ThreadRead.objects.filter(user=user, thread=OuterRef("pk")).values(
            "last_read_number"
        )[:1]
        # A thread never opened is new to them (Discourse's rule) if it was started after they
        # joined or within FORUM_NEW_THREAD_DAYS; older ones count as read, so a newcomer's
        # lists are not a wall of "new".
        never_opened = Case(
            When(created_at__lt=new_since(user), then=F("post_count")),
            default=Value(0),
        )
        return qs.annotate(read_upto=Coalesce(Subquery(last_read), never_opened))

    def new_or_unread(self):
        """Threads from ``for_listing(user)`` that are new or have unread posts to the person."""
        return self.filter(read_upto__lt=F("post_count"))

    def unread_count_for(self, user):
        """How many of these threads are new or unread to ``user``: one COUNT, which only looks
        at threads started since ``new_since(user)`` or opened by them (no others can be)."""
        opened = ThreadRead.objects.filter(user=user).values("thread_id")
        candidates = self.filter(Q(created_at__gte=new_since(user)) | Q(pk__in=opened))
        return candidates.for_listing(user).new_or_unread().order_by().count()

    def on_board(self, node):
        """Threads listed on ``node``'s board: filed there, or about something that belongs
        there (an example classified under it, the page that is its article). A scale's or a
        category's board also lists its sub-categories' threads; the general discussion (the
        root) only its own."""
        if node.level == 0:
            return self.filter(boards=node)
        subtree = {"boards__tree_id": node.tree_id, "boards__lft__gte": node.lft,
                   "boards__lft__lte": node.rght}
        return self.filter(pk__in=Thread.objects.filter(**subtree).values("pk"))

    def about(self, kind, pk):
        """Threads whose subject is the ``kind`` object with this ``pk``."""
        return self.filter(subject_kind=kind, subject_id=pk)

    def ordered(self):
        """Pinned threads first, then the most recently active."""
        return self.order_by("-pinned", "-last_activity_at", "-pk")

    def recent(self, user=None, limit=5):
        """The latest visible threads across all nodes, for the home page: one query."""
        return list(self.visible().for_listing(user).order_by("-last_activity_at", "-pk")[:limit])


class Thread(Indexed, models.Model):
    """A discussion about one subject (a category, an example, a wiki page: see ``discussions``),
    filed on the board of a taxonomy node (``node``, its home board; the root's board is the
    general discussion) and listed on every board in ``boards``."""

    node = models.ForeignKey(
        "taxonomy.TaxonomyNode", on_delete=models.PROTECT, related_name="threads"
    )
    # What the thread is about, as registered with ``discussions``: ("node", node id) for a
    # thread on a category itself, ("example", id), ("page", id).
    subject_kind = models.CharField(max_length=20, default="node")
    subject_id = models.PositiveBigIntegerField(null=True, blank=True)
    # Every board the thread is listed on: its home board and those of its subject (kept by
    # ``forum.boards``; an example's threads show on each of its categories' boards).
    boards = models.ManyToManyField(
        "taxonomy.TaxonomyNode", related_name="+", blank=True, db_table="forum_thread_board"
    )
    title = models.CharField(max_length=200)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
        related_name="forum_threads",
    )
    created_at = models.DateTimeField(default=timezone.now, db_index=True)
    last_activity_at = models.DateTimeField(default=timezone.now)
    last_poster = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    # The number of the last post; posts are numbered 1..post_count (deleted ones keep theirs).
    post_count = models.PositiveIntegerField(default=0)
    pinned = models.BooleanField(default=False)
    locked = models.BooleanField(default=False)
    hidden = models.BooleanField(default=False)

    objects = ThreadQuerySet.as_manager()

    search_type = "forum"
    search_kind = "thread"
    search_home = True
    search_fields = [
        SearchField("title", boost=3),
        SearchField("node_name"),
        FilterField("scale"),
    ]

    class Meta:
        indexes = [
            models.Index(
                fields=["node", "-pinned", "-last_activity_at"], name="forum_thread_node_list"
            ),
            models.Index(fields=["-last_activity_at"], name="forum_thread_latest"),
            models.Index(fields=["subject_kind", "subject_id"], name="forum_thread_subject"),
        ]

    def __str__(self):
        return self.title

    def save(self, *args, **kwargs):
        """A new thread is at least on its home board, and about it unless it says otherwise,
        however it is created (``forum.boards`` adds the other boards of its subject)."""
        adding = self._state.adding
        if self.subject_kind == "node" and self.subject_id is None:
            self.subject_id = self.node_id
        super().save(*args, **kwargs)
        if adding:
            self.boards.add(self.node_id)

    def get_absolute_url(self):
        return reverse("forum:thread", args=[self.pk])

    @classmethod
    def search_homes(cls, pks):
        return {pk: reverse("forum:thread", args=[pk]) for pk in pks}

    @classmethod
    def search_queryset(cls):
        return cls.objects.visible().select_related("node")

    def node_name(self):
        return self.node.name

    def scale(self):
        return self.node.scale

    @property
    def reply_count(self):
        return max(self.post_count - 1, 0)

    @property
    def unread_count(self):
        """Posts the viewer has not read; only on threads from ``for_listing(user)``."""
        read_upto = getattr(self, "read_upto", None)
        return 0 if read_upto is None else max(self.post_count - read_upto, 0)

    @property
    def is_new(self):
        """Never opened by the viewer, and newer than their account."""
        return getattr(self, "read_upto", None) == 0 and self.post_count > 0

    @property
    def page_count(self):
        return page_of(self.post_count)

    def url_for_number(self, number):
        """The thread page showing post ``number``, with its anchor."""
        page = page_of(number)
        query = f"?page={page}" if page > 1 else ""
        return f"{self.get_absolute_url()}{query}#post-{number}"


def thread_count():
    """Visible threads listed on a node's board, as a correlated subquery for
    ``TaxonomyNode.objects.with_counts()``: a scale or category counts its sub-categories'
    threads too (as its board lists them); the general discussion only its own."""
    boards = Thread.boards.through.objects.filter(thread__hidden=False).order_by()
    own = (
        boards.filter(taxonomynode=OuterRef("pk")).values("taxonomynode")
        .annotate(n=Count("thread")).values("n")
    )
    subtree = (
        boards.filter(taxonomynode__tree_id=OuterRef("tree_id"),
                      taxonomynode__lft__gte=OuterRef("lft"),
                      taxonomynode__lft__lte=OuterRef("rght"))
        .values("taxonomynode__tree_id").annotate(n=Count("thread", distinct=True)).values("n")
    )
    return Case(
        When(level=0, then=Coalesce(Subquery(own), 0)),
        default=Coalesce(Subquery(subtree), 0),
    )


class PostQuerySet(models.QuerySet):
    def visible(self):
        """Posts everyone may read, in threads everyone may read."""
        return self.filter(hidden=False, deleted_at__isnull=True, thread__hidden=False)


class Post(Indexed, StoredMarkup, models.Model):
    """One message in a thread: markdown, stored with its sanitised HTML and renderer version."""

    thread = models.ForeignKey(Thread, on_delete=models.CASCADE, related_name="posts")
    number = models.PositiveIntegerField()
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
        related_name="forum_posts",
    )
    body = models.TextField()
    html = models.TextField()
    renderer_version = models.PositiveIntegerField(default=0)
    # Usernames the body links as @mentions, so a stale rendering can be redone without queries.
    mentioned = models.JSONField(default=list, blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    edited_at = models.DateTimeField(null=True, blank=True)
    edit_count = models.PositiveIntegerField(default=0)
    deleted_at = models.DateTimeField(null=True, blank=True)
    hidden = models.BooleanField(default=False)
    # The composer's one-time token: a form submitted twice is stored once.
    client_token = models.CharField(max_length=64, blank=True, default="")
    # The post this one answers (the composer's "Reply" on a post): linked and its author told.
    reply_to = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.SET_NULL, related_name="replies"
    )

    objects = PostQuerySet.as_manager()

    markup_fields = ("body", "html", "renderer_version")

    search_type = "forum"
    search_kind = "thread"  # shown as its thread's result (search groups posts by thread)
    search_fields = [
        SearchField("thread_title", boost=2),
        SearchField("text"),
        FilterField("scale"),
    ]

    class Meta:
        ordering = ["thread", "number"]
        constraints = [
            models.UniqueConstraint(fields=["thread", "number"], name="forum_post_number"),
            models.UniqueConstraint(
                fields=["author", "client_token"], condition=~Q(client_token=""),
                name="forum_post_client_token",
            ),
        ]
        indexes = [models.Index(fields=["author", "-created_at"], name="forum_post_author")]

    def __str__(self):
        return f"#{self.number} in {self.thread}"

    def get_absolute_url(self):
        return reverse("forum:post", args=[self.pk])

    @classmethod
    def search_homes(cls, pks):
        threads = cls.objects.filter(pk__in=pks).values_list("pk", "thread_id")
        return {str(pk): reverse("forum:thread", args=[thread]) for pk, thread in threads}

    @classmethod
    def search_queryset(cls):
        return cls.objects.visible().select_related("thread__node")

    def search_title(self):
        return self.thread.title

    def thread_title(self):
        return self.thread.title

    def text(self):
        """The post as plain text, for the search index (no markdown syntax, no tags)."""
        from markup.text import plain_text

        return plain_text(self.current_html())

    def scale(self):
        return self.thread.node.scale

    @property
    def is_deleted(self):
        return self.deleted_at is not None

    @property
    def is_first(self):
        return self.number == 1

    def render_markup(self):
        """Mentions stay the ones the post was written with: no query, nobody notified."""
        from .markup import render_post

        known = set(self.mentioned)
        return render_post(self.body, mentions=lambda names: set(names) & known)


class PostRevision(StoredMarkup, models.Model):
    """An earlier version of a post, kept when it is edited; anyone may read the history."""

    post = models.ForeignKey(Post, on_delete=models.CASCADE, related_name="revisions")
    body = models.TextField()
    html = models.TextField()
    renderer_version = models.PositiveIntegerField(default=0)
    # When this version was written (the post's creation or its previous edit).
    created_at = models.DateTimeField()
    replaced_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-created_at", "-pk"]

    markup_fields = ("body", "html", "renderer_version")

    def __str__(self):
        return f"{self.post} as of {self.created_at:%Y-%m-%d %H:%M}"

    def render_markup(self):
        """@mentions of people who still have an account (one query)."""
        from .markup import existing_usernames, render_post

        return render_post(self.body, mentions=existing_usernames)

    def markup_index_targets(self):
        return []  # old versions are not searchable


class ThreadRead(models.Model):
    """How far a person has read a thread: the highest post number they have seen."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    thread = models.ForeignKey(Thread, on_delete=models.CASCADE, related_name="reads")
    last_read_number = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["user", "thread"], name="forum_read_once"),
        ]

    def __str__(self):
        return f"{self.user} read {self.thread} to #{self.last_read_number}"


class ThreadSubscription(models.Model):
    """A person watching a thread: they are told about every new post."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    thread = models.ForeignKey(Thread, on_delete=models.CASCADE, related_name="subscriptions")
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["user", "thread"], name="forum_thread_watch_once"),
        ]

    def __str__(self):
        return f"{self.user} watches {self.thread}"


class SubjectSubscription(models.Model):
    """A person watching the discussions of a subject (an example, a page): they are told about
    every new thread about it."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    subject_kind = models.CharField(max_length=20)
    subject_id = models.PositiveBigIntegerField()
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["user", "subject_kind", "subject_id"], name="forum_subject_watch_once"
            ),
        ]

    def __str__(self):
        return f"{self.user} watches discussions of {self.subject_kind} {self.subject_id}"


class NodeSubscription(models.Model):
    """A person watching a node's forum: they are told about every new thread in it."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    node = models.ForeignKey(
        "taxonomy.TaxonomyNode", on_delete=models.CASCADE, related_name="forum_subscriptions"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["user", "node"], name="forum_node_watch_once"),
        ]

    def __str__(self):
        return f"{self.user} watches the forum of {self.node}"


class Flag(models.Model):
    """A signed-in person's report of a post, waiting in the moderation queue."""

    class Reason(models.TextChoices):
        SPAM = "spam", "Spam"
        OFF_TOPIC = "off_topic", "Off-topic"
        ABUSIVE = "abusive", "Abusive or harassing"
        OTHER = "other", "Something else"

    class Status(models.TextChoices):
        OPEN = "open", "Open"
        RESOLVED = "resolved", "Resolved"
        DISMISSED = "dismissed", "Dismissed"

    post = models.ForeignKey(Post, on_delete=models.CASCADE, related_name="flags")
    reporter = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+"
    )
    reason = models.CharField(max_length=10, choices=Reason.choices)
    note = models.CharField(max_length=500, blank=True)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.OPEN)
    created_at = models.DateTimeField(default=timezone.now)
    handled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    handled_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["created_at", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["post", "reporter"], name="forum_flag_once"),
        ]
        indexes = [models.Index(fields=["status", "created_at"], name="forum_flag_queue")]

    def __str__(self):
        return f"{self.get_reason_display()} flag on {self.post}"


class ModerationLog(models.Model):
    """Every moderator action, in order; never modified."""

    class Action(models.TextChoices):
        PIN = "pin", "Pinned"
        UNPIN = "unpin", "Unpinned"
        LOCK = "lock", "Locked"
        UNLOCK = "unlock", "Unlocked"
        HIDE_THREAD = "hide_thread", "Hid thread"
        UNHIDE_THREAD = "unhide_thread", "Unhid thread"
        HIDE_POST = "hide_post", "Hid post"
        UNHIDE_POST = "unhide_post", "Unhid post"
        MOVE = "move", "Moved"
        RETITLE = "retitle", "Retitled thread"
        EDIT_POST = "edit_post", "Edited post"
        RESOLVE_FLAG = "resolve_flag", "Resolved flag"
        DISMISS_FLAG = "dismiss_flag", "Dismissed flag"

    moderator = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    action = models.CharField(max_length=16, choices=Action.choices)
    thread = models.ForeignKey(
        Thread, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    post = models.ForeignKey(
        Post, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    detail = models.CharField(max_length=300, blank=True)
    created_at = models.DateTimeField(default=timezone.now, db_index=True)

    class Meta:
        ordering = ["-created_at", "-pk"]

    def __str__(self):
        return f"{self.moderator} {self.get_action_display().lower()} {self.thread or self.post}"


class Reaction(models.Model):
    """One person's reaction of one ``kind`` (``forum.conf.reactions()``) to a post; each kind
    at most once per person and post, so a second click takes it back."""

    post = models.ForeignKey(Post, on_delete=models.CASCADE, related_name="reactions")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="forum_reactions"
    )
    kind = models.CharField(max_length=20)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["created_at", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["post", "user", "kind"], name="forum_reaction_once"),
        ]
        indexes = [models.Index(fields=["post", "kind", "created_at"], name="forum_reaction_post")]

    def __str__(self):
        return f"{self.user} {self.kind} {self.post}"


class Draft(models.Model):
    """What a person is writing and has not posted yet, saved as they type so a reload, a closed
    tab or another device finds it again. ``key`` says where it belongs: ``thread:<id>`` for a
    reply, ``board:<id>`` or ``about:<kind>:<id>`` for a new thread."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="forum_drafts"
    )
    key = models.CharField(max_length=60)
    title = models.CharField(max_length=200, blank=True)
    body = models.TextField(blank=True)
    reply_to = models.ForeignKey(
        Post, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    # Where to continue writing, and what to call it in the person's list of drafts.
    url = models.CharField(max_length=300)
    label = models.CharField(max_length=300)
    updated_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-updated_at", "-pk"]
        constraints = [
            models.UniqueConstraint(fields=["user", "key"], name="forum_draft_once"),
        ]

    def __str__(self):
        return f"{self.user}'s draft for {self.key}"
