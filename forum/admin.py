"""The forum in Django's admin: threads and posts to search, flags and the log to read."""

from django.contrib import admin

from .models import Flag, ModerationLog, Post, Thread


class PostInline(admin.TabularInline):
    model = Post
    fields = ["number", "author", "created_at", "hidden", "deleted_at"]
    readonly_fields = fields
    extra = 0
    can_delete = False
    show_change_link = True


@admin.register(Thread)
class ThreadAdmin(admin.ModelAdmin):
    list_display = [
        "title", "node", "author", "post_count", "last_activity_at", "pinned", "locked", "hidden",
    ]
    list_filter = ["pinned", "locked", "hidden"]
    search_fields = ["title"]
    raw_id_fields = ["node", "author", "last_poster"]
    readonly_fields = ["post_count"]
    inlines = [PostInline]


@admin.register(Post)
class PostAdmin(admin.ModelAdmin):
    list_display = ["__str__", "author", "created_at", "hidden", "deleted_at"]
    list_filter = ["hidden"]
    search_fields = ["body"]
    raw_id_fields = ["thread", "author"]
    readonly_fields = ["html", "renderer_version", "mentioned", "client_token"]


@admin.register(Flag)
class FlagAdmin(admin.ModelAdmin):
    list_display = ["post", "reason", "reporter", "status", "created_at"]
    list_filter = ["status", "reason"]
    raw_id_fields = ["post", "reporter", "handled_by"]


@admin.register(ModerationLog)
class ModerationLogAdmin(admin.ModelAdmin):
    list_display = ["created_at", "moderator", "action", "thread", "post", "detail"]
    list_filter = ["action"]
    raw_id_fields = ["moderator", "thread", "post"]

    def has_change_permission(self, request, obj=None):
        return False  # the log is never modified
