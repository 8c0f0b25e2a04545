"""The taxonomy: a tree of classifications by scale (TaxonomyNode), the real network societies
classified in it (Example), and the record of every change made to either (Change).

Each node stores its full path ("small/pop-up-villages"), so a node URL resolves in one query; the
root's path is "" and it is shown at /taxonomy/. Writes that touch the tree go through
``taxonomy.editing``, which serialises them and keeps paths and history in step.
"""

from django.conf import settings
from django.db import models
from django.db.models import Count, OuterRef, Q, Subquery
from django.db.models.functions import Coalesce
from django.urls import reverse
from django.utils import timezone
from mptt.managers import TreeManager
from mptt.models import MPTTModel, TreeForeignKey

from markup import StoredMarkup
from search.index import FilterField, Indexed, SearchField


class Permanence(models.TextChoices):
    TEMPORARY = "temporary", "Temporary"
    PERMANENT = "permanent", "Permanent"
    EVOLVING = "evolving", "Evolving"


class Kind(models.TextChoices):
    ROOT = "root", "Root"
    SCALE = "scale", "Scale"
    CATEGORY = "category", "Category"


class Status(models.TextChoices):
    ACTIVE = "active", "Active"
    PAST = "past", "Past"
    PLANNED = "planned", "Planned"


class DescribedMixin(StoredMarkup, models.Model):
    """A markdown description stored with its rendered HTML, like a wiki revision."""

    description = models.TextField(blank=True, help_text="Markdown.")
    description_html = models.TextField(blank=True, editable=False)
    description_renderer_version = models.PositiveIntegerField(default=0, editable=False)

    markup_fields = ("description", "description_html", "description_renderer_version")

    class Meta:
        abstract = True

    def description_text(self):
        """The description as plain text, for the search index (no markdown syntax)."""
        from markup.text import plain_text

        return plain_text(self.current_html())


class TaxonomyNodeQuerySet(models.QuerySet):
    def active(self):
        return self.filter(retired_at__isnull=True)

    def with_counts(self):
        """Annotate ``example_count`` (active examples anywhere in the node's subtree) and the
        counts other apps register (``taxonomy.contributions``), in the same query whatever the
        size of the tree."""
        examples = (
            Example.nodes.through.objects.filter(
                taxonomynode__tree_id=OuterRef("tree_id"),
                taxonomynode__lft__gte=OuterRef("lft"),
                taxonomynode__lft__lte=OuterRef("rght"),
                taxonomynode__retired_at__isnull=True,
                example__retired_at__isnull=True,
            )
            .order_by()
            .values("taxonomynode__tree_id")
            .annotate(n=Count("example", distinct=True))
            .values("n")
        )
        from .contributions import node_counts

        # Counts other apps register (the forum's thread_count), in the same query.
        return self.annotate(example_count=Coalesce(Subquery(examples), 0), **node_counts())


class TaxonomyNodeManager(TreeManager.from_queryset(TaxonomyNodeQuerySet)):
    def scales_with_categories(self):
        """The scales, each with ``.categories`` (its active descendants in tree order), all with
        ``with_counts()``: for the home page, in one query."""
        nodes = list(self.active().with_counts().filter(level__gte=1).order_by("tree_id", "lft"))
        scales = []
        for node in nodes:
            if node.kind == Kind.SCALE:
                node.categories = []
                scales.append(node)
            elif scales:
                scales[-1].categories.append(node)
        return scales


class TaxonomyNode(Indexed, DescribedMixin, MPTTModel):
    """A classification: the root, a scale (small, medium, large) or a category within one."""

    name = models.CharField(max_length=120)
    slug = models.SlugField(
        max_length=80, help_text="Lowercase letters, digits and hyphens; part of the URL."
    )
    parent = TreeForeignKey(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="children"
    )
    # Full path from the root ("small/pop-up-villages"; "" for the root), kept by taxonomy.editing.
    path = models.CharField(max_length=500, unique=True, editable=False)
    kind = models.CharField(max_length=10, choices=Kind.choices, editable=False)
    summary = models.CharField(max_length=300, blank=True, help_text="One line.")
    size_min = models.PositiveBigIntegerField(
        null=True, blank=True, help_text="Typical smallest size, in people."
    )
    size_max = models.PositiveBigIntegerField(
        null=True, blank=True, help_text="Typical largest size, in people."
    )
    permanence = models.CharField(max_length=10, choices=Permanence.choices, blank=True)
    page_path = models.CharField(
        max_length=255,
        blank=True,
        help_text='A wiki page path such as "network-societies/pop-ups"; it need not exist yet.',
    )
    order = models.PositiveIntegerField(default=0, help_text="Position among its siblings.")
    # Facet values that make something belong here ("Pop-up villages": Physical layer, Pop-up
    # gatherings); shown on the category page and offered as a filter in the directory.
    defining_values = models.ManyToManyField(
        "FacetValue", related_name="defined_categories", blank=True
    )
    # Bumped by every recorded change; an edit form carries the version it was read at, so a
    # stale save is merged field by field instead of overwriting (taxonomy.editing).
    version = models.PositiveIntegerField(default=0, editable=False)
    retired_at = models.DateTimeField(null=True, blank=True, editable=False)
    created_at = models.DateTimeField(default=timezone.now, editable=False)
    updated_at = models.DateTimeField(auto_now=True)

    objects = TaxonomyNodeManager()

    search_type = "taxonomy"
    search_fields = [
        SearchField("name", boost=4),
        SearchField("summary", boost=2),
        SearchField("description_text"),
        FilterField("scale"),
    ]

    class MPTTMeta:
        order_insertion_by = ["order", "name"]

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=Q(size_min__isnull=True)
                | Q(size_max__isnull=True)
                | Q(size_min__lte=models.F("size_max")),
                name="taxonomy_node_size_range",
            ),
            models.UniqueConstraint(fields=["parent", "slug"], name="taxonomy_node_sibling_slug"),
        ]
        # Subtree lookups (lft between a node's lft and rght, in one tree), e.g. with_counts():
        # without it each node's count scans the whole tree. django-mptt means to add this
        # index itself, but its migration never had it.
        indexes = [models.Index(fields=["tree_id", "lft"], name="taxonomy_node_tree_lft")]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        if not self.path:
            return reverse("taxonomy:index")
        return reverse("taxonomy:node", args=[self.path])

    @classmethod
    def search_queryset(cls):
        return cls.objects.active()

    @property
    def article_path(self):
        """The wiki page path of this node's article (``taxonomy.concepts``)."""
        from .concepts import default_article_path

        return self.page_path or default_article_path(self.slug)

    def get_json_url(self):
        if not self.path:
            return reverse("taxonomy:json")
        return reverse("taxonomy:node_json", args=[self.path])

    @property
    def scale(self):
        """Slug of the scale this node belongs to ("small", "medium", "large"), "" for the root."""
        return self.path.split("/", 1)[0]

    @property
    def is_retired(self):
        return self.retired_at is not None

    def size_label(self):
        return size_label(self.size_min, self.size_max)

    def path_for(self, parent):
        """The path this node would have under ``parent``."""
        if parent is None:
            return ""
        return f"{parent.path}/{self.slug}" if parent.path else self.slug


class NodeRedirect(models.Model):
    """An old path of a node that was moved or renamed; /taxonomy/<old path>/ redirects."""

    old_path = models.CharField(max_length=500, unique=True)
    node = models.ForeignKey(TaxonomyNode, on_delete=models.CASCADE, related_name="redirects")
    created_at = models.DateTimeField(default=timezone.now)

    def __str__(self):
        return f"{self.old_path} → {self.node.path}"


class Facet(models.Model):
    """A dimension the community describes network societies by (the founding page's "Core
    components", "Implementation layers", "Economic models"); its values are FacetValues."""

    name = models.CharField(max_length=80)
    slug = models.SlugField(max_length=60, unique=True)
    description = models.CharField(max_length=300, blank=True)
    order = models.PositiveIntegerField(default=0)
    version = models.PositiveIntegerField(default=0, editable=False)  # as TaxonomyNode.version
    retired_at = models.DateTimeField(null=True, blank=True, editable=False)
    created_at = models.DateTimeField(default=timezone.now, editable=False)

    class Meta:
        ordering = ["order", "name"]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("taxonomy:facets") + f"#facet-{self.slug}"

    @property
    def is_retired(self):
        return self.retired_at is not None


class FacetValue(models.Model):
    """One value of a facet ("Shared treasury" of "Economic models"). Retired, never deleted, so
    history that names it stays readable."""

    facet = models.ForeignKey(Facet, on_delete=models.PROTECT, related_name="values")
    name = models.CharField(max_length=120)
    slug = models.SlugField(max_length=80)
    description = models.CharField(max_length=300, blank=True)
    order = models.PositiveIntegerField(default=0)
    version = models.PositiveIntegerField(default=0, editable=False)
    retired_at = models.DateTimeField(null=True, blank=True, editable=False)
    created_at = models.DateTimeField(default=timezone.now, editable=False)

    class Meta:
        ordering = ["facet__order", "facet__name", "order", "name"]
        constraints = [
            models.UniqueConstraint(fields=["facet", "slug"], name="taxonomy_facet_value_slug"),
        ]

    def __str__(self):
        return f"{self.facet.name}: {self.name}" if self.facet_id else self.name

    def get_absolute_url(self):
        return reverse("taxonomy:facets") + f"#value-{self.pk}"

    @property
    def key(self):
        """"facet-slug:value-slug", how the directory's URL and spreadsheets name a value."""
        return f"{self.facet.slug}:{self.slug}"

    @property
    def is_retired(self):
        return self.retired_at is not None


class ExampleQuerySet(models.QuerySet):
    def active(self):
        return self.filter(retired_at__isnull=True)


class Example(Indexed, DescribedMixin, models.Model):
    """A real network society, classified under one or more nodes."""

    name = models.CharField(max_length=160)
    slug = models.SlugField(max_length=100, unique=True)
    summary = models.CharField(max_length=300, blank=True)
    website = models.URLField(max_length=500, blank=True)
    place = models.CharField(
        max_length=160, blank=True, help_text="Town or region, as people name it."
    )
    # ISO 3166-1 alpha-2, uppercase ("TH"); "" when unknown. Names come from the gazetteer.
    country = models.CharField(max_length=2, blank=True, db_index=True)
    latitude = models.DecimalField(max_digits=8, decimal_places=5, null=True, blank=True)
    longitude = models.DecimalField(max_digits=8, decimal_places=5, null=True, blank=True)
    start_date = models.DateField(null=True, blank=True)
    end_date = models.DateField(null=True, blank=True)
    size = models.PositiveBigIntegerField(null=True, blank=True, help_text="People, roughly.")
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.ACTIVE)
    page_path = models.CharField(
        max_length=255,
        blank=True,
        help_text=(
            'A wiki page path such as "network-societies/archipelago2024"; it need not exist yet.'
        ),
    )
    nodes = models.ManyToManyField(TaxonomyNode, related_name="examples", blank=True)
    facet_values = models.ManyToManyField(FacetValue, related_name="examples", blank=True)
    version = models.PositiveIntegerField(default=0, editable=False)  # as TaxonomyNode.version
    retired_at = models.DateTimeField(null=True, blank=True, editable=False)
    created_at = models.DateTimeField(default=timezone.now, editable=False)
    updated_at = models.DateTimeField(auto_now=True)

    objects = ExampleQuerySet.as_manager()

    search_type = "taxonomy"
    search_fields = [
        SearchField("name", boost=4),
        SearchField("summary", boost=2),
        SearchField("description_text"),
        SearchField("place"),
        FilterField("scale"),
    ]

    class Meta:
        ordering = ["name"]
        constraints = [
            models.CheckConstraint(
                condition=Q(start_date__isnull=True)
                | Q(end_date__isnull=True)
                | Q(start_date__lte=models.F("end_date")),
                name="taxonomy_example_dates",
            ),
            models.CheckConstraint(
                condition=Q(latitude__isnull=True, longitude__isnull=True)
                | Q(
                    latitude__gte=-90,
                    latitude__lte=90,
                    longitude__gte=-180,
                    longitude__lte=180,
                ),
                name="taxonomy_example_coordinates",
            ),
        ]
        indexes = [
            models.Index(fields=["start_date"], name="taxonomy_example_start"),
            models.Index(fields=["size"], name="taxonomy_example_size"),
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("taxonomy:example", args=[self.slug])

    @classmethod
    def search_queryset(cls):
        return cls.objects.active().prefetch_related("nodes")

    @property
    def article_path(self):
        """The wiki page path of this example's article (``taxonomy.concepts``)."""
        from .concepts import default_article_path

        return self.page_path or default_article_path(self.slug)

    @property
    def scale(self):
        """Slugs of the scales this example is classified under."""
        return sorted(
            {node.scale for node in self.nodes.all() if node.scale and not node.is_retired}
        )

    @property
    def is_retired(self):
        return self.retired_at is not None

    @property
    def country_name(self):
        from .gazetteer import country_name

        return country_name(self.country)

    @property
    def has_coordinates(self):
        return self.latitude is not None and self.longitude is not None


class Fact(models.TextChoices):
    """The facts of an example a citation can support."""

    PLACE = "place", "Place"
    DATES = "dates", "Dates"
    SIZE = "size", "Size"
    STATUS = "status", "Status"
    FACETS = "facets", "Facets"
    WEBSITE = "website", "Website"


class Citation(models.Model):
    """A source for one fact of an example: shown as a numbered reference on its page.

    An example's citations are saved together with it (``taxonomy.editing.save_example``
    replaces the whole list and records it in the history), so they revert with it."""

    example = models.ForeignKey(Example, on_delete=models.CASCADE, related_name="citations")
    fact = models.CharField(max_length=10, choices=Fact.choices)
    url = models.URLField(max_length=500)
    title = models.CharField(max_length=300, blank=True)
    accessed = models.DateField(null=True, blank=True, help_text="When the page was read.")
    quote = models.TextField(blank=True, max_length=2000)
    order = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["example", "order", "pk"]

    def __str__(self):
        return self.title or self.url


class Action(models.TextChoices):
    CREATED = "created", "Created"
    EDITED = "edited", "Edited"
    MOVED = "moved", "Moved"
    RETIRED = "retired", "Retired"
    RESTORED = "restored", "Restored"
    REVERTED = "reverted", "Reverted"


class Change(models.Model):
    """One recorded change to a node or an example: who, when, what changed and why.

    ``changes`` maps each field to ``[before, after]`` (JSON values), which is enough both to show
    the change and to revert it. Rows are never modified; a revert is a new Change.
    """

    node = models.ForeignKey(
        TaxonomyNode, null=True, blank=True, on_delete=models.CASCADE, related_name="changes"
    )
    example = models.ForeignKey(
        Example, null=True, blank=True, on_delete=models.CASCADE, related_name="changes"
    )
    facet = models.ForeignKey(
        Facet, null=True, blank=True, on_delete=models.CASCADE, related_name="changes"
    )
    facet_value = models.ForeignKey(
        FacetValue, null=True, blank=True, on_delete=models.CASCADE, related_name="changes"
    )
    # The spreadsheet import this change was part of: an import shows as one group in history.
    batch = models.ForeignKey(
        "ExampleImport", null=True, blank=True, on_delete=models.SET_NULL, related_name="changes"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    action = models.CharField(max_length=10, choices=Action.choices)
    changes = models.JSONField(default=dict)
    reason = models.CharField(max_length=300, blank=True)
    # The target's version this change made (None for changes recorded before versions).
    version = models.PositiveIntegerField(null=True, blank=True, editable=False)
    reverts = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now, db_index=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(node__isnull=False, example__isnull=True, facet__isnull=True,
                            facet_value__isnull=True)
                | Q(node__isnull=True, example__isnull=False, facet__isnull=True,
                    facet_value__isnull=True)
                | Q(node__isnull=True, example__isnull=True, facet__isnull=False,
                    facet_value__isnull=True)
                | Q(node__isnull=True, example__isnull=True, facet__isnull=True,
                    facet_value__isnull=False),
                name="taxonomy_change_one_target",
            ),
        ]

    def __str__(self):
        return f"{self.get_action_display()} {self.target} by {self.user or 'system'}"

    @property
    def target(self):
        if self.node_id:
            return self.node
        if self.example_id:
            return self.example
        return self.facet if self.facet_id else self.facet_value


class ImportStatus(models.TextChoices):
    PENDING = "pending", "Waiting for confirmation"
    APPLYING = "applying", "Being applied"
    APPLIED = "applied", "Applied"
    DISCARDED = "discarded", "Discarded"


class ExampleImport(models.Model):
    """A spreadsheet of examples as read and checked: the preview shown, stored on the server so
    that confirming applies exactly what was previewed (the browser only sends this row's id).

    ``rows`` holds, per spreadsheet row, its number, the action ("create", "change",
    "unchanged") and the cleaned values as JSON; ``errors`` holds ``[{"row", "reason"}]``.
    An import with errors cannot be applied."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    filename = models.CharField(max_length=255, blank=True)
    file_format = models.CharField(max_length=10)
    rows = models.JSONField(default=list)
    errors = models.JSONField(default=list)
    status = models.CharField(
        max_length=10, choices=ImportStatus.choices, default=ImportStatus.PENDING
    )
    # Why the last attempt to apply it was refused ("" when it was not).
    refusal = models.CharField(max_length=500, blank=True)
    created_at = models.DateTimeField(default=timezone.now, editable=False)
    applied_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]

    def __str__(self):
        return f"Import #{self.pk} ({self.filename or self.file_format})"

    def get_absolute_url(self):
        return reverse("taxonomy:import_detail", args=[self.pk])

    def counts(self):
        """{"create": n, "change": n, "unchanged": n} from the stored rows."""
        found = {"create": 0, "change": 0, "unchanged": 0}
        for row in self.rows:
            found[row["action"]] = found.get(row["action"], 0) + 1
        return found


class TreeLock(models.Model):
    """One row that every tree write locks first (select_for_update), so writes are serialised:
    django-mptt's lft/rght updates are not safe under concurrent writers."""

    id = models.PositiveSmallIntegerField(primary_key=True, default=1)

    def __str__(self):
        return "taxonomy tree lock"


def scale_choices():
    """(slug, name) of the active scales, in tree order: the search page's scale filter."""
    scales = TaxonomyNode.objects.active().filter(kind=Kind.SCALE).order_by("tree_id", "lft")
    return list(scales.values_list("slug", "name"))


def size_label(low, high):
    """A size range in people for humans: "100–300 people", "10,000+ people"."""
    if low is None and high is None:
        return ""
    if high is None:
        return f"{low:,}+ people"
    if low is None or low == high:
        return f"up to {high:,} people" if low is None else f"{high:,} people"
    return f"{low:,}–{high:,} people"
