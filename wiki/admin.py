"""Admin for the wiki: pages and their history, read-mostly.

Revisions are never modified, so they are read-only here; page content changes go through the
editor (``save_page``), which keeps history, links and watchers right.
"""

from django.contrib import admin

from .models import Page, PageLink, PageRedirect, Revision, Tag, Watch


class RevisionInline(admin.TabularInline):
    model = Revision
    fields = ("number", "title", "author", "summary", "created_at")
    readonly_fields = fields
    extra = 0
    can_delete = False
    show_change_link = True
    ordering = ("-number",)

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Page)
class PageAdmin(admin.ModelAdmin):
    list_display = ("path", "title", "published", "protected", "deleted_at", "updated_at")
    list_filter = ("published", "protected", ("deleted_at", admin.EmptyFieldListFilter))
    search_fields = ("path", "title")
    readonly_fields = ("current_revision", "created_at", "updated_at", "created_by", "deleted_by")
    fields = ("path", "title", "description", "published", "protected", "deleted_at", "tags",
              *readonly_fields)
    filter_horizontal = ("tags",)
    inlines = [RevisionInline]


@admin.register(Revision)
class RevisionAdmin(admin.ModelAdmin):
    list_display = ("page", "number", "title", "author", "created_at")
    list_select_related = ("page", "author")
    search_fields = ("page__path", "title", "summary")
    raw_id_fields = ("page", "parent", "author")

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(Tag)
class TagAdmin(admin.ModelAdmin):
    list_display = ("name", "slug")
    search_fields = ("name", "slug")


@admin.register(PageRedirect)
class PageRedirectAdmin(admin.ModelAdmin):
    list_display = ("old_path", "page", "created_at")
    raw_id_fields = ("page",)
    search_fields = ("old_path", "page__path")


admin.site.register(PageLink, list_display=("source", "target_path"), raw_id_fields=("source",))
admin.site.register(Watch, list_display=("user", "page", "created_at"),
                    raw_id_fields=("user", "page"))
