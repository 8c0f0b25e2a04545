"""Classification proposals: a structured change to the taxonomy attached to a forum thread,
the members' votes on it, and the taxonomy changes an accepted one made.

A proposal's ``payload`` says exactly what would change (ids and new values) and its ``preview``
how that looks, before and after; both are written once, at opening, by ``proposals.kinds``, so
the card shows the change that acceptance applies. Writes live in ``proposals.services``.
"""

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone

from search.index import FilterField, Indexed, SearchField


class Kind(models.TextChoices):
    ADD_CATEGORY = "add_category", "Add a category"
    EDIT_NODE = "edit_node", "Rename or re-describe a category"
    MOVE_NODE = "move_node", "Move a category"
    MERGE_NODE = "merge_node", "Merge two categories"
    RETIRE_NODE = "retire_node", "Retire a category"
    ADD_EXAMPLE = "add_example", "Add an example"
    RECLASSIFY_EXAMPLE = "reclassify_example", "Reclassify an example"
    EDIT_EXAMPLE = "edit_example", "Change an example's facts"


class Status(models.TextChoices):
    OPEN = "open", "Open"
    BLOCKED = "blocked", "Waiting for a decision"
    ACCEPTED = "accepted", "Accepted"
    REJECTED = "rejected", "Rejected"
    STALE = "stale", "Stale"


OPEN_STATUSES = (Status.OPEN, Status.BLOCKED)


class Position(models.TextChoices):
    AGREE = "agree", "Agree"
    ABSTAIN = "abstain", "Abstain"
    DISAGREE = "disagree", "Disagree"
    BLOCK = "block", "Block"


class ProposalQuerySet(models.QuerySet):
    def undecided(self):
        return self.filter(status__in=OPEN_STATUSES)

    def visible(self):
        """Proposals everyone may read: those whose thread a moderator has not hidden."""
        return self.filter(thread__hidden=False)

    def visible_to(self, user):
        from accounts.roles import is_moderator

        return self if is_moderator(user) else self.visible()

    def due(self, now=None):
        return self.filter(status=Status.OPEN, closes_at__lte=now or timezone.now())

    def for_listing(self):
        return self.select_related("proposer", "thread", "node", "example")


class Proposal(Indexed, models.Model):
    kind = models.CharField(max_length=20, choices=Kind.choices)
    title = models.CharField(max_length=200)
    reason = models.TextField(help_text="Why: the proposer's argument, also posted in the thread.")
    thread = models.ForeignKey("forum.Thread", on_delete=models.PROTECT, related_name="proposals")
    post = models.ForeignKey(
        "forum.Post", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    proposer = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="proposals"
    )
    # The node or example the proposal is about (for add_category: the parent), for filters.
    node = models.ForeignKey(
        "taxonomy.TaxonomyNode", null=True, blank=True, on_delete=models.SET_NULL,
        related_name="+",
    )
    example = models.ForeignKey(
        "taxonomy.Example", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    # Every node whose concept page lists this proposal while it is open.
    nodes = models.ManyToManyField("taxonomy.TaxonomyNode", related_name="proposals", blank=True)
    payload = models.JSONField(default=dict)
    preview = models.JSONField(default=dict)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.OPEN)
    created_at = models.DateTimeField(default=timezone.now, db_index=True)
    closes_at = models.DateTimeField(db_index=True)
    reminded_at = models.DateTimeField(null=True, blank=True)
    closed_at = models.DateTimeField(null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
        related_name="+",
    )
    # Why it ended as it did: the rule's outcome, an Editor's reason, or what made it stale.
    outcome = models.CharField(max_length=500, blank=True)
    # The tally, kept with each vote under the proposal's row lock, so lists need no counting.
    agree_count = models.PositiveIntegerField(default=0)
    abstain_count = models.PositiveIntegerField(default=0)
    disagree_count = models.PositiveIntegerField(default=0)
    block_count = models.PositiveIntegerField(default=0)

    objects = ProposalQuerySet.as_manager()

    search_type = "proposals"
    search_kind = "proposal"
    search_fields = [
        SearchField("title", boost=3),
        SearchField("reason"),
        FilterField("scale"),
    ]

    class Meta:
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["status", "closes_at"], name="proposal_status_close")]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("proposals:detail", args=[self.pk])

    @classmethod
    def search_queryset(cls):
        return cls.objects.visible().select_related("node")

    def scale(self):
        return self.node.scale if self.node_id and self.node else ""

    @property
    def is_undecided(self):
        return self.status in OPEN_STATUSES

    @property
    def vote_count(self):
        return self.agree_count + self.abstain_count + self.disagree_count + self.block_count

    def thread_url(self):
        return f"{self.thread.get_absolute_url()}#proposal-{self.pk}"


class Vote(models.Model):
    """One member's position on a proposal, changeable until the close; public."""

    proposal = models.ForeignKey(Proposal, on_delete=models.CASCADE, related_name="votes")
    voter = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    position = models.CharField(max_length=10, choices=Position.choices)
    reason = models.CharField(max_length=500, blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["created_at", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["proposal", "voter"], name="proposal_vote_once"),
        ]
        indexes = [models.Index(fields=["voter", "-updated_at"], name="proposal_vote_voter")]

    def __str__(self):
        return f"{self.voter} votes {self.position} on {self.proposal}"


class AppliedChange(models.Model):
    """A taxonomy history entry made by accepting a proposal: the history links to its thread."""

    proposal = models.ForeignKey(Proposal, on_delete=models.CASCADE, related_name="applied")
    change = models.OneToOneField(
        "taxonomy.Change", on_delete=models.CASCADE, related_name="proposal_link"
    )

    def __str__(self):
        return f"change #{self.change_id} by {self.proposal}"
