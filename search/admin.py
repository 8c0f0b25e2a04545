"""The outbox in the admin: rows that failed to index, with their error, and a way to retry them
once the cause is fixed (through the same service as the command line)."""

from django.contrib import admin, messages

from .models import IndexUpdate
from .outbox import retry_parked


@admin.register(IndexUpdate)
class IndexUpdateAdmin(admin.ModelAdmin):
    list_display = ["__str__", "created_at", "attempts", "retry_at", "parked", "short_error"]
    list_filter = ["parked", "model"]
    search_fields = ["model", "object_id", "error"]
    readonly_fields = ["model", "object_id", "created_at", "attempts", "retry_at", "parked",
                       "error"]
    actions = ["retry"]

    def has_add_permission(self, request):
        return False  # rows come from saves, never by hand

    @admin.display(description="error")
    def short_error(self, row):
        return row.error.splitlines()[-1][:120] if row.error else ""

    @admin.action(description="Retry the selected updates now")
    def retry(self, request, queryset):
        count = retry_parked(queryset)
        self.message_user(request, f"{count} updates queued again.", messages.SUCCESS)
