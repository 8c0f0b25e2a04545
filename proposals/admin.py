"""Proposals in the admin: to look at, not to change. A proposal changes only through votes and
decisions on the site (proposals.services), so the admin cannot bypass the decision rule."""

from django.contrib import admin

from .models import Proposal, Vote


class VoteInline(admin.TabularInline):
    model = Vote
    fields = ["voter", "position", "reason", "updated_at"]
    readonly_fields = fields
    extra = 0
    can_delete = False


@admin.register(Proposal)
class ProposalAdmin(admin.ModelAdmin):
    list_display = ["title", "kind", "status", "proposer", "closes_at"]
    list_filter = ["status", "kind"]
    search_fields = ["title", "reason"]
    readonly_fields = [f.name for f in Proposal._meta.fields] + ["nodes"]
    inlines = [VoteInline]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
