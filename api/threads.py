"""/api/threads/: the forum's discussions, and the posts of one."""

from django.urls import reverse
from ninja import Field, Query, Router, Schema
from ninja.errors import HttpError
from ninja.pagination import paginate

from forum.models import Post, Thread
from forum.permissions import can_view_post_body, can_view_thread
from taxonomy.models import TaxonomyNode

from .categories import node_ref
from .pagination import Pages
from .schemas import Error
from .schemas import Post as PostSchema
from .schemas import Thread as ThreadSchema

router = Router(tags=["threads"])


class ThreadFilters(Schema):
    category: str | None = Field(
        None, max_length=500,
        description="A category's path: the threads on its board (and its sub-categories').")


def thread_data(request, thread):
    return {
        "id": thread.pk,
        "title": thread.title,
        "url": request.build_absolute_uri(thread.get_absolute_url()),
        "api_url": request.build_absolute_uri(reverse("api:thread", args=[thread.pk])),
        "category": node_ref(request, thread.node),
        "subject_kind": thread.subject_kind,
        "author": thread.author.username if thread.author else None,
        "created_at": thread.created_at,
        "last_activity_at": thread.last_activity_at,
        "post_count": thread.post_count,
        "pinned": thread.pinned,
        "locked": thread.locked,
    }


class _Rows:
    def __init__(self, convert, queryset):
        self.convert, self.queryset = convert, queryset

    def __getitem__(self, item):
        return [self.convert(row) for row in self.queryset[item]]

    def count(self):
        return self.queryset.count()


@router.get("/threads/", response=list[ThreadSchema], url_name="threads",
            summary="Discussions, most recently active first")
@paginate(Pages)
def thread_list(request, filters: Query[ThreadFilters]):
    threads = Thread.objects.visible_to(request.user).select_related("node", "author")
    if filters.category is not None:
        node = TaxonomyNode.objects.active().filter(path=filters.category.strip("/")).first()
        threads = threads.on_board(node) if node else threads.none()
    return _Rows(lambda t: thread_data(request, t),
                 threads.order_by("-last_activity_at", "-pk"))


@router.get("/threads/{thread_id}", response={200: ThreadSchema, 404: Error},
            url_name="thread", summary="One discussion")
def thread(request, thread_id: int):
    found = Thread.objects.select_related("node", "author").filter(pk=thread_id).first()
    if found is None or not can_view_thread(request.user, found):
        raise HttpError(404, "No discussion with this id.")
    return thread_data(request, found)


@router.get("/threads/{thread_id}/posts/", response={200: list[PostSchema], 404: Error},
            url_name="thread_posts", summary="The posts of one discussion, in order")
@paginate(Pages)
def thread_posts(request, thread_id: int):
    found = Thread.objects.filter(pk=thread_id).first()
    if found is None or not can_view_thread(request.user, found):
        raise HttpError(404, "No discussion with this id.")

    def post_data(post):
        visible = can_view_post_body(request.user, post)
        return {"number": post.number,
                "author": post.author.username if post.author else None,
                "created_at": post.created_at, "edited_at": post.edited_at,
                "html": post.current_html() if visible else None}

    return _Rows(post_data, Post.objects.filter(thread=found).select_related("author")
                 .order_by("number"))
