"""The forum in Django's admin. Threads and posts change only through ``forum.actions``
(``ServiceAdmin``): a new thread or post is started or replied as the admin user, a post's text
is edited with its history kept and its HTML re-rendered, pinning, locking, hiding, moving and
retitling are logged moderation actions that re-index what they affect. Flags and the log are
read here; a refusal is a form error."""

from django import forms
from django.contrib import admin
from django.db import transaction

from network_societies.services import ServiceAdmin, apply_change

from . import actions
from .forms import EditForm, PostForm, ThreadForm
from .models import Flag, ModerationLog, Post, Thread


class PostInline(admin.TabularInline):
    model = Post
    fields = ["number", "author", "created_at", "hidden", "deleted_at"]
    readonly_fields = fields
    extra = 0
    can_delete = False
    show_change_link = True

    def has_add_permission(self, request, obj=None):
        return False


class ForumServiceAdmin(ServiceAdmin):
    def apply(self, request, form):
        def change():
            with transaction.atomic():  # all steps or none
                form.instance = self._apply(request.user, form.instance, form.cleaned_data, form)

        return apply_change(form, change, refusals=(actions.Refused,), conflict_message=True)


class ThreadAdminForm(forms.ModelForm):
    body = forms.CharField(label="First post", widget=forms.Textarea, required=False,
                           help_text="Posted by you.")

    class Meta:
        model = Thread
        fields = ["node", "title", "pinned", "locked", "hidden"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["body"].required = not self.instance.pk

    clean_title = ThreadForm.clean_title  # the site's checks, so both store the same

    def clean_body(self):
        return PostForm.clean_body(self) if not self.instance.pk else ""

    def _post_clean(self):
        pass  # the services decide


@admin.register(Thread)
class ThreadAdmin(ForumServiceAdmin):
    form = ThreadAdminForm
    list_display = [
        "title", "node", "author", "post_count", "last_activity_at", "pinned", "locked", "hidden",
    ]
    list_filter = ["pinned", "locked", "hidden"]
    search_fields = ["title"]
    raw_id_fields = ["node"]
    add_only_fields = ["body"]
    readonly_fields = ["author", "post_count", "created_at", "last_activity_at", "last_poster"]
    inlines = [PostInline]

    def _apply(self, user, thread, data, form):
        if thread.pk is None:
            thread = actions.start_thread(node=data["node"], author=user, title=data["title"],
                                          body=data["body"])
        else:
            if data["title"] != thread.title:
                actions.retitle_thread(thread_id=thread.pk, moderator=user, title=data["title"])
            if data["node"].pk != thread.node_id:
                actions.move_thread(thread_id=thread.pk, moderator=user, node=data["node"])
        for field, (on, off) in {"pinned": ("pin", "unpin"), "locked": ("lock", "unlock"),
                                 "hidden": ("hide", "unhide")}.items():
            if data[field] != getattr(Thread.objects.get(pk=thread.pk), field):
                actions.moderate_thread(thread_id=thread.pk, moderator=user,
                                        action=on if data[field] else off)
        return Thread.objects.get(pk=thread.pk)


class PostAdminForm(EditForm, forms.ModelForm):
    """The site's edit form (its checks, its version) plus what the admin sets."""

    class Meta:
        model = Post
        fields = ["thread", "body", "hidden"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.fields["thread"].required = False  # a post stays in its thread
            self.initial.setdefault("version", self.instance.edit_count)

    def _post_clean(self):
        pass


@admin.register(Post)
class PostAdmin(ForumServiceAdmin):
    form = PostAdminForm
    list_display = ["__str__", "author", "created_at", "hidden", "deleted_at"]
    list_filter = ["hidden"]
    search_fields = ["body"]
    raw_id_fields = ["thread"]
    add_only_fields = ["thread"]
    hidden_fields = ["token"]
    readonly_fields = ["number", "author", "created_at", "edited_at", "edit_count", "deleted_at",
                       "html", "mentioned"]

    def _apply(self, user, post, data, form):
        if post.pk is None:
            post = actions.reply(thread_id=data["thread"].pk, author=user, body=data["body"])
        elif data["body"] != post.body:
            actions.edit_post(post_id=post.pk, editor=user, body=data["body"],
                              expected_version=data.get("version"), as_moderator=True)
        if data["hidden"] != Post.objects.get(pk=post.pk).hidden:
            actions.moderate_post(post_id=post.pk, moderator=user, hidden=data["hidden"])
        return Post.objects.get(pk=post.pk)


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

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False  # the log is never modified
