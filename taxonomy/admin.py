"""The taxonomy in the admin, with drag-and-drop for the tree. Every save and every drop goes
through ``taxonomy.editing``, so the admin takes the tree lock, keeps paths and redirects in step
and records history exactly like the web editor."""

from django.contrib import admin, messages
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from mptt.admin import DraggableMPTTAdmin

from . import editing
from .forms import ExampleForm, NodeForm
from .models import Change, Example, NodeRedirect, TaxonomyNode


@admin.register(TaxonomyNode)
class TaxonomyNodeAdmin(DraggableMPTTAdmin):
    form = NodeForm
    list_display = ["tree_actions", "indented_title", "path", "kind", "retired_at"]
    list_display_links = ["indented_title"]
    search_fields = ["name", "path"]
    readonly_fields = ["path", "kind", "retired_at"]

    def save_form(self, request, form, change):
        return form.instance  # saved by save_model, through taxonomy.editing

    def save_model(self, request, obj, form, change):
        if not form.save(request.user):
            raise ValidationError(form.errors.as_text())

    def has_delete_permission(self, request, obj=None):
        return False

    def _move_node(self, request):
        """Drag-and-drop: the same locked move as the web editor, with a message on refusal."""
        position = request.POST.get("position")
        if not self.has_change_permission(request) or position not in (
            "last-child",
            "left",
            "right",
        ):
            self.message_user(request, "That move is not allowed.", messages.ERROR)
            return HttpResponse("FAIL, not allowed.")
        try:
            node = TaxonomyNode.objects.get(pk=request.POST.get("cut_item"))
            target = TaxonomyNode.objects.get(pk=request.POST.get("pasted_on"))
            editing.place_node(
                node, target, position, user=request.user, reason="Moved in the admin"
            )
        except (TaxonomyNode.DoesNotExist, ValueError, ValidationError) as error:
            text = " ".join(getattr(error, "messages", [])) or "That node has disappeared."
            self.message_user(request, text, messages.ERROR)
            return HttpResponse("FAIL, invalid move.")
        self.message_user(request, f"“{node.name}” was moved.")
        return HttpResponse("OK")


@admin.register(Example)
class ExampleAdmin(admin.ModelAdmin):
    form = ExampleForm
    list_display = ["name", "status", "place", "retired_at"]
    search_fields = ["name", "slug"]
    prepopulated_fields = {"slug": ["name"]}

    def save_form(self, request, form, change):
        return form.instance

    def save_model(self, request, obj, form, change):
        if not form.save(request.user):
            raise ValidationError(form.errors.as_text())

    def save_related(self, request, form, formsets, change):
        pass  # nodes were saved by taxonomy.editing with the rest

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Change)
class ChangeAdmin(admin.ModelAdmin):
    list_display = ["created_at", "action", "node", "example", "user", "reason"]
    list_select_related = ["node", "example", "user"]
    readonly_fields = [f.name for f in Change._meta.fields]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False


admin.site.register(NodeRedirect)
