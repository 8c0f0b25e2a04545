"""The wiki in the admin. Pages change only through the services the site uses
(``ServiceAdmin``): content through ``save_page`` (a new revision, links and watchers, merged with
edits made meanwhile), a new path through ``move_page`` (the old one redirects), protection,
the recycle bin and restoring through their own functions. Revisions are never modified."""

from django import forms
from django.contrib import admin
from django.core.exceptions import ValidationError
from django.db import transaction

from network_societies.merging import VersionedForm
from network_societies.services import ServiceAdmin, apply_change

from .editing import delete_page, move_page, protect_page, restore_page, save_page
from .forms import PathField
from .models import Page, PageLink, PageRedirect, Revision, Tag, Watch, parse_tag_names
from .permissions import can_unpublish


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


class PageAdminForm(VersionedForm, forms.ModelForm):
    """A page's fields as the admin edits them; ``PageAdmin.apply`` hands them to the services."""

    version_field = "base_revision"
    path = PathField(label="Path", help_text="Changing it moves the page; the old path redirects.")
    markdown = forms.CharField(label="Text", required=False, strip=False,
                               widget=forms.Textarea(attrs={"rows": 16}))
    tags = forms.CharField(required=False, max_length=1000, help_text="Separated by commas.")
    summary = forms.CharField(label="Edit summary", required=False, max_length=300)
    in_recycle_bin = forms.BooleanField(
        required=False, help_text="A deleted page is hidden from everyone but Moderators and can "
                                  "be restored.",
    )
    base_revision = forms.IntegerField(widget=forms.HiddenInput, min_value=0, required=False)

    class Meta:
        model = Page
        fields = ["path", "title", "description", "published", "protected"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        revision = self.instance.current_revision if self.instance.pk else None
        if revision:
            self.initial.update(markdown=revision.markdown, tags=revision.tags,
                                base_revision=revision.number,
                                in_recycle_bin=self.instance.deleted_at is not None)
        else:
            self.initial.setdefault("base_revision", 0)

    def clean_markdown(self):
        return self.cleaned_data["markdown"].replace("\r\n", "\n").replace("\r", "\n")

    def clean_tags(self):
        return parse_tag_names(self.cleaned_data["tags"])

    def _post_clean(self):
        pass  # the services validate, under their locks; path clashes are checked there


@admin.register(Page)
class PageAdmin(ServiceAdmin):
    form = PageAdminForm
    list_display = ("path", "title", "published", "protected", "deleted_at", "updated_at")
    list_filter = ("published", "protected", ("deleted_at", admin.EmptyFieldListFilter))
    search_fields = ("path", "title")
    readonly_fields = ("current_revision", "created_at", "updated_at", "created_by", "deleted_at",
                       "deleted_by")
    inlines = [RevisionInline]

    def get_fields(self, request, obj=None):
        fields = super().get_fields(request, obj)
        return fields if obj else [name for name in fields if name != "in_recycle_bin"]

    def apply(self, request, form):
        def change():
            with transaction.atomic():  # all steps or none
                form.instance = self._apply(request.user, form)

        return apply_change(form, change, conflict_message=True)

    def _apply(self, user, form):
        data = form.cleaned_data
        page = Page.objects.filter(pk=form.instance.pk).first()
        if page and page.published and not data["published"] and not can_unpublish(user, page):
            raise ValidationError({"published": "Only Moderators can unpublish a page."})
        if page and page.deleted_at and not data.get("in_recycle_bin"):
            page = restore_page(page, by=user)
        path = page.path if page else data["path"]
        if page is None and Page.objects.filter(path=path).exists():
            raise ValidationError({"path": f"There is already a page at /{path}."})
        saved = save_page(
            path=path, title=data["title"], markdown=data["markdown"], author=user,
            summary=data["summary"] or "Edited in the admin", description=data["description"],
            tags=data["tags"], published=data["published"],
            base_revision=data["base_revision"] if page else 0,
        ).page
        if data["path"] != saved.path:
            try:
                saved = move_page(saved, data["path"], by=user)
            except ValidationError as error:
                raise ValidationError({"path": error.messages}) from None
        if data["protected"] != saved.protected:
            saved = protect_page(saved, data["protected"], by=user)
        if data.get("in_recycle_bin") and saved.deleted_at is None:
            saved = delete_page(saved, by=user)
        return saved


@admin.register(Revision)
class RevisionAdmin(admin.ModelAdmin):
    """Read only: a revision is written by ``save_page`` and never changed."""

    list_display = ("page", "number", "title", "author", "created_at")
    list_select_related = ("page", "author")
    search_fields = ("page__path", "title", "summary")
    raw_id_fields = ("page", "parent", "author")

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
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


@admin.register(PageLink)
class PageLinkAdmin(admin.ModelAdmin):
    """Read only: links are what a page's current revision links to, kept by ``save_page``."""

    list_display = ("source", "target_path")
    raw_id_fields = ("source",)

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False


admin.site.register(Watch, list_display=("user", "page", "created_at"),
                    raw_id_fields=("user", "page"))
