from django.contrib import admin

from .models import LevelChange, Standing


@admin.register(Standing)
class StandingAdmin(admin.ModelAdmin):
    """Read-only: levels change through promotion or a Moderator's form on the profile, which
    log every change (trust/promotion.py)."""

    list_display = ["user", "level", "locked", "changed_at"]
    list_filter = ["level", "locked"]
    search_fields = ["user__username"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(LevelChange)
class LevelChangeAdmin(admin.ModelAdmin):
    list_display = ["user", "from_level", "to_level", "by", "reason", "created_at"]
    list_filter = ["to_level"]
    search_fields = ["user__username", "reason"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
