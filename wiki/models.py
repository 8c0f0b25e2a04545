"""The wiki's data: pages at Wiki.js paths, immutable revisions, tags, links, redirects, watches.

A page row holds what is current (title, tags, flags, a pointer to its current revision); every
change writes a new ``Revision`` and never touches an old one. Saving goes through
``wiki.editing.save_page``, which does it in one locked transaction.
"""

import re
import unicodedata
from urllib.parse import quote

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q, Value
from django.db.models.functions import Coalesce, Length
from django.utils.text import slugify

from markup import StoredMarkup, render_markdown
from search.index import FilterField, Indexed, SearchField

from .wikijs import HTML_EDITORS

PATH_MAX_LENGTH = 255
TAG_MAX_LENGTH = 50
# What Wiki.js refuses in a path (server/helpers/page.js): control characters and \ " | < > : * ?.
# "#" and "%" are refused too, since a URL cannot carry them unescaped in its path.
_UNSAFE = re.compile(r'[\x00-\x1f\x7f-\x9f\\"|<>:*?#%]')
# A locale segment as Wiki.js reads one: "ja", "pt-br" (any case).
LOCALE = re.compile(r"^[A-Za-z]{2}(?:-[A-Za-z]{2})?$")


def normalise_path(text):
    """A path as people type or link it ("/Network-Societies/Pop-ups/") without outer slashes.

    Capitals are kept, as Wiki.js keeps them; lookups ignore case through ``path_key``.
    """
    return (text or "").strip().strip("/")


def path_key(path):
    """The case-insensitive form of a page path: what lookups, links and redirects compare."""
    return (path or "").lower()


def split_locale(path):
    """``"ja/product/about"`` → ``("ja", "product/about")``; a path in the default locale (no
    locale segment, or the default's own) gives ``(default, rest)``."""
    first, _, rest = path.partition("/")
    if rest and LOCALE.match(first):
        return first.lower(), rest
    return settings.WIKI_DEFAULT_LOCALE, path


def validate_page_path(path):
    """Raise ValidationError with a message a person understands unless ``path`` is a page path.

    The rules are Wiki.js's: any character but a few unsafe ones, capitals included; no empty,
    "." or ".." segment; a locale segment ("ja/...") must be followed by the path in that locale.
    """
    if not path:
        raise ValidationError("Give the page a path, such as network-societies/pop-ups.")
    if len(path) > PATH_MAX_LENGTH:
        raise ValidationError(f"A page path has at most {PATH_MAX_LENGTH} characters.")
    segments = path.split("/")
    for segment in segments:
        if segment in ("", ".", "..") or segment != segment.strip():
            raise ValidationError(
                f"“{segment or '(empty)'}” is not a valid path segment: segments are separated by "
                "single slashes and do not start or end with a space."
            )
        unsafe = _UNSAFE.search(segment)
        if unsafe:
            raise ValidationError(
                f"“{segment}” is not a valid path segment: it contains {unsafe.group()!r}, and "
                'paths cannot contain \\ " | < > : * ? # % or control characters.'
            )
    first = segments[0]
    if first.lower() in settings.NS_RESERVED_PREFIXES:
        raise ValidationError(f"Paths starting with “{first}/” belong to the site itself.")
    if LOCALE.match(first):
        if len(segments) == 1:
            raise ValidationError(f"“{first}” is a language code; put the page under it.")
        if first.lower() == settings.WIKI_DEFAULT_LOCALE:
            raise ValidationError(
                f"Pages in the default language ({first}) have no language segment in their path."
            )
        if first != first.lower():
            raise ValidationError(f"Write the language code in lowercase: {first.lower()}/….")


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

    def at(self, path):
        """The page at ``path``, whatever the case it is written in (a queryset of 0 or 1)."""
        return self.filter(path_key=path_key(path))

    def existing_paths(self, paths):
        """Those of ``paths`` a reader reaches: a live page, or a redirect to one. One query.

        ``paths`` are link targets, already in lowercase ``path_key`` form."""
        paths = list(paths)
        if not paths:
            return set()
        pages = self.live().filter(path_key__in=paths).values_list("path_key", flat=True)
        moved = PageRedirect.objects.filter(
            old_path__in=paths, page__deleted_at__isnull=True
        ).values_list("old_path", flat=True).order_by()
        return set(pages.order_by().union(moved))

    def translations(self, page):
        """The live pages that are ``page`` in another language (same path under another locale
        segment), in one query."""
        _, rest = split_locale(page.path)
        return self.live().filter(translation_key=path_key(rest)).exclude(pk=page.pk)

    def paths_for_titles(self, titles):
        """{title: path} for ``[[Page title]]`` wikilinks: one query for all titles in a text."""
        rows = self.live().filter(title__in=titles).order_by("path").values_list("title", "path")
        found = {}
        for title, path in rows:
            found.setdefault(title, path)
        return found


class Page(Indexed, models.Model):
    # As written, capitals included (Wiki.js keeps "Design/Formulas"); a page in a language other
    # than the default has its code first ("ja/product/about").
    path = models.CharField(
        max_length=PATH_MAX_LENGTH, unique=True, validators=[validate_page_path]
    )
    # Set from ``path`` on save: lookups ignore case, and two paths differing only by case are
    # refused by this unique key.
    path_key = models.CharField(max_length=PATH_MAX_LENGTH, unique=True, editable=False)
    locale = models.CharField(max_length=5, editable=False, default="")
    # The path without its locale segment, lowercase: a page's translations share it.
    translation_key = models.CharField(
        max_length=PATH_MAX_LENGTH, editable=False, default="", db_index=True
    )
    # "markdown" or "html" (a Wiki.js page written in its visual editor or as HTML code).
    editor = models.CharField(max_length=20, default="markdown")
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
    search_kind = "page"
    search_part = "its article matches"  # in its concept's result (search_homes)
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

    def save(self, *args, **kwargs):
        self.path_key = path_key(self.path)
        self.locale, rest = split_locale(self.path)
        self.translation_key = path_key(rest)
        update_fields = kwargs.get("update_fields")
        if update_fields is not None and "path" in update_fields:
            kwargs["update_fields"] = {*update_fields, "path_key", "locale", "translation_key"}
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return "/" + quote(self.path, safe="/-_.~!$&'()+,;=@")

    @property
    def is_html(self):
        """A page written in HTML (Wiki.js's visual or code editor), not markdown."""
        return self.editor in HTML_EDITORS

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
        return " ".join(t.name for t in self._tag_list())

    def tag_slugs(self):
        return [t.slug for t in self._tag_list()]

    def _tag_list(self):
        """The tags, read from the prefetch when there is one: a search rebuild asks for them
        twice per page, and each ``self.tags`` builds a related manager."""
        prefetched = getattr(self, "_prefetched_objects_cache", {}).get("tags")
        return list(self.tags.all() if prefetched is None else prefetched)

    def body_text(self):
        from markup.text import plain_text

        return plain_text(self.current_revision.current_html()) if self.current_revision else ""

    def search_title(self):
        return self.title

    @classmethod
    def search_homes(cls, pks):
        """A concept's article is found as the concept (its one home, markup.targets)."""
        from markup import targets

        paths = dict(cls.objects.filter(pk__in=pks).values_list("pk", "path"))
        homes = targets.home_urls(paths.values())
        return {str(pk): homes[path] for pk, path in paths.items() if path in homes}


# The summary of revisions written by an import (with no author), so lists can tell them apart.
IMPORT_SUMMARY = "Imported from Wiki.js"
# ... and of those merged with edits made here since the page's last import: their text is not the
# file's, so the next import does not start from them (wiki.imports.import_base).
IMPORT_MERGED_SUMMARY = "Imported from Wiki.js, merged with edits made here"


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
            revisions = revisions.exclude(
                Q(author__isnull=True) & Q(summary__in=(IMPORT_SUMMARY, IMPORT_MERGED_SUMMARY)))
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
    # The page's text as written: markdown, or HTML for a page from Wiki.js's visual/code editor.
    markdown = models.TextField(blank=True)
    markup = models.CharField(max_length=10, default="markdown", editable=False)
    html = models.TextField(blank=True)
    renderer_version = models.PositiveIntegerField(default=0)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
        related_name="wiki_revisions",
    )
    summary = models.CharField(max_length=300, blank=True)
    created_at = models.DateTimeField(db_index=True)
    # Imported history (a Wiki.js git repository): the commit's author, who has no account here,
    # and the commit itself, so replaying the history again writes nothing twice.
    author_name = models.CharField(max_length=150, blank=True)
    import_ref = models.CharField(max_length=64, blank=True, db_index=True)
    # An import's revision merged with what people saved here since the page's last import: not
    # the imported file's text, so the next import does not start from it (wiki.imports).
    import_merged = models.BooleanField(default=False)

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
        return render_revision_text(self.markdown, self.markup, self.page.path)

    def markup_index_targets(self):
        """The page's search entry shows its current revision's text."""
        return [self.page] if self.page.current_revision_id == self.pk else []


def render_revision_text(text, markup, page_path=None):
    """Render a revision's text by its markup ("html" pages go through the sanitiser alone);
    relative links and files resolve from ``page_path``, as in Wiki.js."""
    from markup import render_html
    from markup.resolvers import page_paths_for_titles

    if markup == "html":
        return render_html(text, page_path=page_path)
    return render_markdown(text, resolve_title=page_paths_for_titles, page_path=page_path)


def markup_for_editor(editor):
    """The markup a Wiki.js editor writes: HTML for its visual and code editors."""
    return "html" if editor in HTML_EDITORS else "markdown"


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
