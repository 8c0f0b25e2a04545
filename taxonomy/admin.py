"""The taxonomy in the admin, with drag-and-drop for the tree. Every add, change, retire, restore
and drop goes through ``taxonomy.editing`` (``ServiceAdmin``), so the admin takes the tree lock,
keeps paths and redirects in step, merges with edits made meanwhile and records history exactly
like the web editor; a refusal is a form error."""

from django.contrib import admin, messages
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from mptt.admin import DraggableMPTTAdmin

from network_societies.merging import EditConflict
from network_societies.services import ServiceAdmin, add_errors

from . import editing, facets
from .forms import ExampleForm, NodeForm
from .models import Change, Example, ExampleImport, Facet, FacetValue, NodeRedirect, TaxonomyNode
from .views.facets import FacetForm, ValueForm


class TaxonomyAdmin(ServiceAdmin):
    """Node and example admins: their forms save through taxonomy.editing themselves."""

    readonly_fields = ["retired_at"]
    retire = restore = None  # the service functions behind the two list actions

    def apply(self, request, form):
        return form.save(request.user, conflict_message=True)

    @admin.action(description="Retire the selected items")
    def retire_selected(self, request, queryset):
        self._each(request, queryset, type(self).retire, "retired")

    @admin.action(description="Restore the selected items")
    def restore_selected(self, request, queryset):
        self._each(request, queryset, type(self).restore, "restored")

    def _each(self, request, queryset, action, done):
        for obj in queryset:
            try:
                action(obj, user=request.user, reason="In the admin")
            except ValidationError as error:
                self.message_user(request, f"{obj}: {' '.join(error.messages)}", messages.ERROR)
            else:
                self.message_user(request, f"“{obj}” {done}.")

    actions = ["retire_selected", "restore_selected"]


@admin.register(TaxonomyNode)
class TaxonomyNodeAdmin(TaxonomyAdmin, DraggableMPTTAdmin):
    form = NodeForm
    list_display = ["tree_actions", "indented_title", "path", "kind", "retired_at"]
    list_display_links = ["indented_title"]
    search_fields = ["name", "path"]
    readonly_fields = ["path", "kind", "retired_at"]
    retire, restore = staticmethod(editing.retire_node), staticmethod(editing.restore_node)

    def get_fields(self, request, obj=None):
        fields = super().get_fields(request, obj)
        root = obj is not None and obj.parent_id is None
        return [name for name in fields if name != "parent"] if root else fields  # see NodeForm

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
class ExampleAdmin(TaxonomyAdmin):
    form = ExampleForm
    list_display = ["name", "status", "place", "country", "retired_at"]
    list_filter = ["status", "country"]
    search_fields = ["name", "slug"]
    prepopulated_fields = {"slug": ["name"]}
    retire, restore = staticmethod(editing.retire_example), staticmethod(editing.restore_example)


class VocabularyAdmin(TaxonomyAdmin):
    """Facets and values: saved through ``taxonomy.facets`` with history, as on the site."""

    retire, restore = staticmethod(facets.retire), staticmethod(facets.restore)
    fields_saved = ()

    def apply(self, request, form):
        data = {name: form.cleaned_data[name] for name in self.fields_saved}
        reason = form.cleaned_data.get("reason", "")
        try:
            if form.instance.pk:
                self.update(form.instance, user=request.user, reason=reason,
                            expected_version=form.cleaned_data.get("version"), **data)
                form.instance.refresh_from_db()
            else:
                form.instance = self.create(form, request.user, reason, data)
        except EditConflict:
            form.add_error(None, "Someone changed this meanwhile; reload the page and try again.")
            return False
        except ValidationError as error:
            add_errors(form, error)
            return False
        return True


@admin.register(Facet)
class FacetAdmin(VocabularyAdmin):
    form = FacetForm
    list_display = ["name", "slug", "order", "retired_at"]
    fields_saved = facets.FACET_FIELDS

    def update(self, facet, **kwargs):
        return facets.update_facet(facet, **kwargs)

    def create(self, form, user, reason, data):
        return facets.create_facet(user=user, reason=reason, **data)


class ValueAdminForm(ValueForm):
    class Meta(ValueForm.Meta):
        fields = ["facet", *facets.VALUE_FIELDS]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:  # a value stays in its facet (its key is in links and exports)
            self.fields["facet"].disabled = True


@admin.register(FacetValue)
class FacetValueAdmin(VocabularyAdmin):
    form = ValueAdminForm
    list_display = ["name", "facet", "slug", "order", "retired_at"]
    list_filter = ["facet"]
    fields_saved = facets.VALUE_FIELDS

    def update(self, value, **kwargs):
        return facets.update_value(value, **kwargs)

    def create(self, form, user, reason, data):
        return facets.create_value(form.cleaned_data["facet"], user=user, reason=reason, **data)


@admin.register(ExampleImport)
class ExampleImportAdmin(admin.ModelAdmin):
    """Imports are made and applied on the site (or by ``import_examples``); here they are read."""

    list_display = ["pk", "filename", "status", "user", "created_at"]
    readonly_fields = [f.name for f in ExampleImport._meta.fields]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(Change)
class ChangeAdmin(admin.ModelAdmin):
    list_display = ["created_at", "action", "node", "example", "facet", "facet_value", "user",
                    "reason"]
    list_select_related = ["node", "example", "facet", "facet_value", "user"]
    readonly_fields = [f.name for f in Change._meta.fields]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(NodeRedirect)
class NodeRedirectAdmin(admin.ModelAdmin):
    """Redirects are made by moves and renames; here they are only looked at."""

    list_display = ["old_path", "node", "created_at"]
    search_fields = ["old_path", "node__path"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
