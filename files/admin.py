"""Uploads in the admin, through the same services as the site: uploads come in through the
site's checks (never added here), descriptions are saved by ``update_description``, and deleting
moves to the recycle bin with ``services.delete``."""

from django.contrib import admin, messages

from . import services
from .models import Upload, UploadVersion


class VersionInline(admin.TabularInline):
    model = UploadVersion
    fields = ["number", "content_type", "size", "width", "height", "uploaded_by", "created_at",
              "comment"]
    readonly_fields = fields
    extra = 0
    can_delete = False
    ordering = ["-number"]

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Upload)
class UploadAdmin(admin.ModelAdmin):
    list_display = ["name", "description", "is_image", "uploaded_by", "created_at", "deleted_at"]
    list_filter = ["is_image", ("deleted_at", admin.EmptyFieldListFilter)]
    search_fields = ["name", "description", "uploaded_by__username", "source_path"]
    fields = ["name", "description", "is_image", "uploaded_by", "created_at", "source_path",
              "deleted_at", "deleted_by"]
    readonly_fields = ["name", "is_image", "uploaded_by", "created_at", "source_path",
                       "deleted_at", "deleted_by"]
    inlines = [VersionInline]
    actions = ["move_to_recycle_bin", "restore"]
    list_select_related = ["uploaded_by"]

    def has_add_permission(self, request):
        return False  # files come in through the site's upload checks

    def has_delete_permission(self, request, obj=None):
        return False  # deleting is moving to the recycle bin (the actions below)

    def save_model(self, request, obj, form, change):
        services.update_description(obj, form.cleaned_data["description"])

    @admin.action(description="Move to the recycle bin")
    def move_to_recycle_bin(self, request, queryset):
        for upload in queryset.filter(deleted_at__isnull=True):
            services.delete(upload, user=request.user)
        messages.success(request, "Moved to the recycle bin.")

    @admin.action(description="Restore from the recycle bin")
    def restore(self, request, queryset):
        for upload in queryset.filter(deleted_at__isnull=False):
            services.restore(upload)
        messages.success(request, "Restored.")
