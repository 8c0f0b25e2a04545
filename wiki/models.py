"""The wiki's data: pages at Wiki.js paths, immutable revisions, tags, links, redirects, watches.

A page row holds what is current (title, tags, flags, a pointer to its current revision); every
change writes a new ``Revision`` and never touches an old one. Saving goes through
``wiki.editing.save_page``, which does it in one locked transaction.
"""

import re
import unicodedata

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q, Value
from django.db.models.functions import Coalesce, Length
from django.utils.text import slugify

from markup import StoredMarkup, render_markdown
from search.index import FilterField, Indexed, SearchField

PATH_MAX_LENGTH = 255
TAG_MAX_LENGTH = 50
_SEGMENT = re.compile(r"^[a-z0-9](?:[a-z0-9_-]*[a-z0-9])?$")


def normalise_path(text):
    """A path as people type or link it ("/Network-Societies/pop-ups/") in canonical form."""
    return (text or "").strip().strip("/").lower()


def validate_page_path(path):
    """Raise ValidationError with a message a person understands unless ``path`` is a page path."""
    if not path:
        raise ValidationError("Give the page a path, such as network-societies/pop-ups.")
    if len(path) > PATH_MAX_LENGTH:
        raise ValidationError(f"A page path has at most {PATH_MAX_LENGTH} characters.")
    segments = path.split("/")
    for segment in segments:
        if not _SEGMENT.match(segment):
            raise ValidationError(
                f"“{segment or '(empty)'}” is not a valid path segment: use lowercase letters, "
                "digits, hyphens and underscores, separated by single slashes."
            )
    if segments[0] in settings.NS_RESERVED_PREFIXES:
        raise ValidationError(f"Paths starting with “{segments[0]}/” belong to the site itself.")


def normalise_tag(text):
    """Return ``(name, slug)`` for a tag as typed: "  Pop-Up  Villages " → ("pop-up villages",
    "pop-up-villages"); "Café" → ("café", "cafe"). Raises ValidationError when unusable."""
    name = " ".join(unicodedata.normalize("NFKC", str(text)).split()).casefold()
    if not name:
        raise ValidationError("A tag cannot be empty.")
    if len(name) > TAG_MAX_LENGTH:
        raise ValidationError(f"A tag has at most {TAG_MAX_LENGTH} characters: “{name[:20]}…”.")
    if "," in name:
        raise ValidationError("Separate tags with commas; a tag cannot contain one.")
    ascii_name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    slug = slugify(ascii_name)
    if not slug:
        raise ValidationError(f"“{name}” needs at least one letter or digit to be a tag.")
    return name, slug


def parse_tag_names(text):
    """Comma-separated tags as typed (or as stored on a revision) → list of normalised names."""
    names = []
    for part in (text or "").split(","):
        if part.strip():
            name, _ = normalise_tag(part)
            if name not in names:
                names.append(name)
    return names


class TagManager(models.Manager):
    def matching_query(self, query, limit=10):
        """Tags whose name contains a word of a search query (offered as filters on /search/)."""
        condition = Q()
        for word in query.words:
            if len(word) >= 2:
                condition |= Q(name__icontains=word)
        if not condition:
            return []
        return list(self.filter(condition).order_by("name")[:limit])

    def for_names(self, names):
        """The tags for ``names`` (normalised, created when new), in the order given."""
        wanted = {}
        for raw in names:
            name, slug = normalise_tag(raw)
            wanted.setdefault(slug, name)
        existing = {t.slug: t for t in self.filter(slug__in=wanted)}
        tags = []
        for slug, name in wanted.items():
            tag = existing.get(slug)
            if tag is None:
                tag, _ = self.get_or_create(slug=slug, defaults={"name": name})
            tags.append(tag)
        return tags


class Tag(models.Model):
    name = models.CharField(max_length=TAG_MAX_LENGTH, unique=True)
    slug = models.SlugField(max_length=TAG_MAX_LENGTH + 10, unique=True)

    objects = TagManager()

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return self.name


class PageQuerySet(models.QuerySet):
    def live(self):
        """Pages that are not in the recycle bin."""
        return self.filter(deleted_at__isnull=True)

    def existing_paths(self, paths):
        """Those of ``paths`` a reader reaches: a live page, or a redirect to one. One query."""
        paths = list(paths)
        if not paths:
            return set()
        pages = self.live().filter(path__in=paths).values_list("path", flat=True).order_by()
        moved = PageRedirect.objects.filter(
            old_path__in=paths, page__deleted_at__isnull=True
        ).values_list("old_path", flat=True).order_by()
        return set(pages.union(moved))

    def paths_for_titles(self, titles):
        """{title: path} for ``[[Page title]]`` wikilinks: one query for all titles in a text."""
        rows = self.live().filter(title__in=titles).order_by("path").values_list("title", "path")
        found = {}
        for title, path in rows:
            found.setdefault(title, path)
        return found


class Page(Indexed, models.Model):
    path = models.CharField(
        max_length=PATH_MAX_LENGTH, unique=True, validators=[validate_page_path]
    )
    title = models.CharField(max_length=200)
    description = models.CharField(max_length=500, blank=True)
    published = models.BooleanField(default=True)
    created_at = models.DateTimeField()
    updated_at = models.DateTimeField(db_index=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    current_revision = models.ForeignKey(
        "Revision", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    # Only Editors change a protected page; Moderators set it.
    protected = models.BooleanField(default=False)
    # Soft delete: a deleted page sits in the recycle bin until a Moderator restores it.
    deleted_at = models.DateTimeField(null=True, blank=True, db_index=True)
    deleted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    tags = models.ManyToManyField(Tag, blank=True, related_name="pages")

    objects = PageQuerySet.as_manager()

    search_type = "pages"
    search_fields = [
        SearchField("title", boost=4),
        SearchField("tag_names", boost=3),
        SearchField("description", boost=2),
        SearchField("body_text"),
        FilterField("tag_slugs"),
    ]

    class Meta:
        ordering = ["path"]

    def __str__(self):
        return self.title or self.path

    def get_absolute_url(self):
        return "/" + self.path

    @property
    def is_deleted(self):
        return self.deleted_at is not None

    @classmethod
    def search_queryset(cls):
        return (
            cls.objects.filter(published=True, deleted_at__isnull=True)
            .select_related("current_revision")
            .prefetch_related("tags")
        )

    def tag_names(self):
        return " ".join(t.name for t in self.tags.all())

    def tag_slugs(self):
        return [t.slug for t in self.tags.all()]

    def body_text(self):
        from markup.text import plain_text

        return plain_text(self.current_revision.current_html()) if self.current_revision else ""

    def search_title(self):
        return self.title


# The summary of revisions written by an import (with no author), so lists can tell them apart.
IMPORT_SUMMARY = "Imported from Wiki.js"


class RevisionQuerySet(models.QuerySet):
    def with_size_change(self):
        """Leave the texts unloaded and annotate ``chars`` and ``size_change`` (vs. the parent)."""
        return self.defer("markdown", "html").annotate(
            chars=Length("markdown"),
            size_change=Length("markdown") - Coalesce(Length("parent__markdown"), Value(0)),
        )

    def recent(self, user, *, person="", tag="", since=None, new=False, watched=False,
               hide_imports=False):
        """Revisions of pages ``user`` may read, newest first, with ``chars`` and
        ``size_change``; one query however long the texts. ``since`` is a datetime."""
        from .permissions import readable_pages

        revisions = (
            self.filter(page__in=readable_pages(user).values("pk"))
            .select_related("page", "author")
            .defer("page__description")
            .with_size_change()
            .order_by("-created_at", "-pk")
        )
        if person:
            revisions = revisions.filter(author__username__iexact=person)
        if tag:
            revisions = revisions.filter(page__tags__slug=tag)
        if since:
            revisions = revisions.filter(created_at__gte=since)
        if new:
            revisions = revisions.filter(number=1)
        if watched:
            revisions = revisions.filter(page__watches__user=user)
        if hide_imports:
            revisions = revisions.exclude(Q(author__isnull=True) & Q(summary=IMPORT_SUMMARY))
        return revisions


class Revision(StoredMarkup, models.Model):
    """One saved state of a page. Never modified once written (a revert writes a new one);
    only the stored HTML, a cache of the markdown, is refreshed by ``markup_rerender`` when the
    renderer changes."""

    page = models.ForeignKey(Page, on_delete=models.CASCADE, related_name="revisions")
    number = models.PositiveIntegerField()
    # The revision the editor started from. One child per parent keeps history a line, so two
    # saves based on the same revision can never both land, whatever the code above does.
    parent = models.ForeignKey(
        # CASCADE, not SET_NULL: revisions only go with their page, and nulling parents first
        # would break the one-root constraint halfway through deleting a page.
        "self", null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    title = models.CharField(max_length=200)
    description = models.CharField(max_length=500, blank=True)
    tags = models.TextField(blank=True, help_text="Tag names joined by ', '.")
    # Whether the page was published as of this revision, so a stale edit knows what the
    # person saw (and history shows who unpublished a page).
    published = models.BooleanField(default=True)
    markdown = models.TextField(blank=True)
    html = models.TextField(blank=True)
    renderer_version = models.PositiveIntegerField(default=0)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
        related_name="wiki_revisions",
    )
    summary = models.CharField(max_length=300, blank=True)
    created_at = models.DateTimeField(db_index=True)

    objects = RevisionQuerySet.as_manager()

    class Meta:
        ordering = ["page", "-number"]
        constraints = [
            models.UniqueConstraint(fields=["page", "number"], name="wiki_revision_unique_number"),
            models.UniqueConstraint(fields=["page", "parent"], name="wiki_revision_one_child"),
            models.UniqueConstraint(
                fields=["page"], condition=Q(parent__isnull=True), name="wiki_revision_one_root"
            ),
        ]

    def __str__(self):
        return f"{self.page_id} #{self.number}"

    def save(self, *args, **kwargs):
        if not self._state.adding:
            raise ValueError("A revision is never modified once written; save a new one.")
        super().save(*args, **kwargs)

    @property
    def size(self):
        return len(self.markdown)

    @property
    def is_import(self):
        """Written by an import rather than by a person."""
        return self.author_id is None and self.summary == IMPORT_SUMMARY

    def tag_list(self):
        return [name for name in (n.strip() for n in self.tags.split(",")) if name]

    markup_fields = ("markdown", "html", "renderer_version")

    @classmethod
    def markup_queryset(cls):
        return cls.objects.select_related("page")

    def render_markup(self):
        from markup.resolvers import page_paths_for_titles

        return render_markdown(self.markdown, resolve_title=page_paths_for_titles)

    def markup_index_targets(self):
        """The page's search entry shows its current revision's text."""
        return [self.page] if self.page.current_revision_id == self.pk else []


class PageLink(models.Model):
    """An internal link from a page's current revision; ``target_path`` may not exist (yet)."""

    source = models.ForeignKey(Page, on_delete=models.CASCADE, related_name="outgoing_links")
    target_path = models.CharField(max_length=PATH_MAX_LENGTH, db_index=True)

    class Meta:
        ordering = ["target_path"]
        constraints = [
            models.UniqueConstraint(fields=["source", "target_path"], name="wiki_pagelink_unique"),
        ]

    def __str__(self):
        return f"{self.source_id} → {self.target_path}"


class PageRedirect(models.Model):
    """A path a page had before it moved; visiting it redirects to the page."""

    old_path = models.CharField(max_length=PATH_MAX_LENGTH, unique=True)
    page = models.ForeignKey(Page, on_delete=models.CASCADE, related_name="redirects")
    created_at = models.DateTimeField(auto_now_add=True)

    def __str__(self):
        return f"/{self.old_path} → {self.page_id}"


class Watch(models.Model):
    """A person is notified when this page changes."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="wiki_watches"
    )
    page = models.ForeignKey(Page, on_delete=models.CASCADE, related_name="watches")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["user", "page"], name="wiki_watch_unique"),
        ]

    def __str__(self):
        return f"{self.user_id} watches {self.page_id}"
