"""Reading the forum: the latest threads, a node's forum, a thread, a post's permalink and its
edit history. None of these change data, except remembering how far a signed-in person has read.
"""

from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render

import discussions
from network_societies import fragments
from network_societies.personalcache import personal_page
from taxonomy.models import TaxonomyNode

from .. import actions, drafts, permissions, reactions
from ..boards import subject_of
from ..forms import ReplyForm
from ..models import (
    POSTS_PER_PAGE,
    THREADS_PER_PAGE,
    NodeSubscription,
    Post,
    Thread,
    ThreadRead,
    ThreadSubscription,
)


@personal_page
def index(request):
    """The latest threads everywhere; ``?show=unread``: only those new or unread to the person."""
    threads = Thread.objects.visible_to(request.user).for_listing(request.user).order_by(
        "-last_activity_at", "-pk"
    )
    only_unread = request.user.is_authenticated and request.GET.get("show") == "unread"
    if only_unread:
        threads = threads.new_or_unread()
    page = Paginator(threads, THREADS_PER_PAGE).get_page(request.GET.get("page"))
    forums = TaxonomyNode.objects.active().with_counts().order_by("tree_id", "lft")
    return render(request, "forum/index.html", {
        "page_obj": page, "forums": forums, "can_moderate": permissions.can_moderate(request.user),
        "only_unread": only_unread,
    })


@personal_page
def node_forum(request, pk):
    node = get_object_or_404(TaxonomyNode.objects.active(), pk=pk)
    threads = Thread.objects.visible_to(request.user).on_board(node).for_listing(
        request.user).ordered()
    page = Paginator(threads, THREADS_PER_PAGE).get_page(request.GET.get("page"))
    watching = request.user.is_authenticated and NodeSubscription.objects.filter(
        user=request.user, node=node).exists()
    return render(request, "forum/node.html", {
        "node": node, "ancestors": node.get_ancestors(), "page_obj": page, "watching": watching,
    })


@personal_page
def thread(request, pk):
    """A page of 20 posts. Queries do not grow with the thread: posts are fetched by number.
    The thread and its posts are the same for every reader of a content generation, so they
    come from the fragment cache; the template caches each post's rendering there too."""
    user = request.user
    thread = fragments.value("forum-thread", [pk, can_moderate := permissions.can_moderate(user)],
                             lambda: _visible_thread(user, pk))
    # Page over post numbers, not rows: no COUNT and no OFFSET, whatever the thread's length.
    page = Paginator(range(thread.post_count), POSTS_PER_PAGE).get_page(request.GET.get("page"))
    posts = fragments.value("forum-posts", [pk, page.number], lambda: list(
        thread.posts.filter(number__range=(page.start_index(), page.end_index()))
        .select_related("author", "reply_to__author")
    ))
    read_upto = _read_upto(user, thread)
    tallies = reactions.tallies(posts, user)
    for post in posts:
        post.tallies = tallies.get(post.pk, [])
        post.can_react = not reactions.refusal(user, post)
        # The reader's own side of the reactions (may react, which they gave): part of what the
        # cached rendering of the post varies on, with the flags below.
        post.reacting = "".join("1" if flag else "0" for flag in (
            post.can_react, *(tally.mine for tally in post.tallies)))
        post.show_body = permissions.can_view_post_body(user, post)
        post.is_unread = read_upto is not None and post.number > read_upto
        post.can_edit = not permissions.edit_refusal(user, post)
        post.can_delete = not permissions.delete_refusal(user, post)
        post.can_flag = not permissions.flag_refusal(user, post)
    actions.mark_read(user, thread, page.end_index(), known=read_upto or 0)
    reply_refusal = permissions.reply_refusal(user, thread)
    draft = None if reply_refusal else drafts.load(user, drafts.thread_key(thread))
    first_unread = read_upto + 1 if read_upto and read_upto < thread.post_count else None
    return render(request, "forum/thread.html", {
        "thread": thread,
        "node": thread.node,
        "ancestors": thread.node.get_ancestors(),
        "page_obj": page,
        "posts": posts,
        # What each post shows this reader, in short: readers who see the page alike share its
        # cached rendering (the template's "forum-posts" fragment).
        "posts_state": "".join(
            "".join("1" if flag else "0" for flag in (
                post.show_body, post.is_unread, post.can_edit, post.can_delete, post.can_flag))
            + post.reacting
            for post in posts
        ),
        "first_unread": first_unread,
        "first_unread_url": thread.url_for_number(first_unread) if first_unread else "",
        "reply_refusal": reply_refusal,
        "form": None if reply_refusal else ReplyForm(initial={
            "body": draft.body if draft else "", "reply_to": draft and draft.reply_to_id}),
        "draft": draft,
        "replying_to": draft.reply_to if draft else None,
        "watching": user.is_authenticated and ThreadSubscription.objects.filter(
            user=user, thread=thread).exists(),
        "can_moderate": can_moderate,
        **_subject(user, thread),
    })


def _subject(user, thread):
    """What a thread not about its board is about (an example, a page), for its header, if
    ``user`` may read it."""
    kind = discussions.subject(thread.subject_kind)
    if thread.subject_kind == "node" or kind is None:
        return {}
    subject = subject_of(thread)
    if subject is None or not kind.can_read(user, subject):
        return {}
    return {"subject": subject, "subject_noun": kind.noun}


def first_unread(request, pk):
    """Jump to the first post the person has not read (the last one if they read them all)."""
    thread = _visible_thread(request.user, pk)
    read_upto = _read_upto(request.user, thread) or 0
    return redirect(thread.url_for_number(min(read_upto + 1, thread.post_count)))


def post_permalink(request, pk):
    post = get_object_or_404(Post.objects.select_related("thread"), pk=pk)
    if not permissions.can_view_thread(request.user, post.thread):
        raise Http404("No such post.")
    return redirect(post.thread.url_for_number(post.number))


def post_history(request, pk):
    post = get_object_or_404(Post.objects.select_related("thread__node", "author"), pk=pk)
    if not permissions.can_view_thread(request.user, post.thread):
        raise Http404("No such post.")
    return render(request, "forum/post_history.html", {
        "post": post,
        "thread": post.thread,
        "show_body": permissions.can_view_post_body(request.user, post),
        "revisions": post.revisions.all(),
    })


def _visible_thread(user, pk):
    return get_object_or_404(Thread.objects.visible_to(user).select_related("node"), pk=pk)


def _read_upto(user, thread):
    """The highest post number ``user`` has read in ``thread``; None for people not signed in,
    0 for a thread they never opened."""
    if not user.is_authenticated:
        return None
    read = ThreadRead.objects.filter(user=user, thread=thread).values_list(
        "last_read_number", flat=True).first()
    return read or 0
