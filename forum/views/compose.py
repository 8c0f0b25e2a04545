"""Writing in the forum: new threads, replies (with quotes), edits, deletions, watching and flags.

The composer's "Preview" button (``name="preview"``, rendered by the MarkdownEditor widget for
people without JavaScript) re-renders the bound form, whose editor then shows the text rendered,
and saves nothing.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from network_societies import ratelimit
from network_societies.http import redirect_back
from network_societies.merging import EditConflict
from taxonomy.models import TaxonomyNode
from trust import limits

from .. import actions, drafts, permissions
from ..forms import EditForm, FlagForm, ReplyForm, ThreadForm
from ..markup import quote_markdown, render_post
from ..models import Post, Thread
from . import MISSING_THREAD, refuse


@login_required
def choose_board(request):
    """``/forum/new/``: pick the board for a new thread, then write it there."""
    boards = list(TaxonomyNode.objects.active().order_by("tree_id", "lft"))
    chosen = request.GET.get("board", "")
    if chosen.isdigit() and any(board.pk == int(chosen) for board in boards):
        return redirect("forum:new_thread", pk=int(chosen))
    return render(request, "forum/choose_board.html", {"boards": boards, "invalid": bool(chosen)})


@login_required
def new_thread(request, pk):
    node = get_object_or_404(TaxonomyNode.objects.active(), pk=pk)
    return compose_thread(request, {"node": node}, {
        "node": node, "heading": "New thread", "submit_label": "Start thread",
    }, draft_key=drafts.board_key(node), draft_url=reverse("forum:board_draft", args=[node.pk]))


def compose_thread(request, about, context, *, draft_key, draft_url):
    """The new-thread form: a valid submit starts the thread (``about``: ``node=`` or
    ``subject=``), within the rate limit, and clears the person's draft (``draft_key``, saved
    while typing to ``draft_url``); otherwise the form is shown (again) with ``context``."""
    initial = title_from_query(request)
    draft = drafts.load(request.user, draft_key)
    if draft is not None:
        initial = {"title": draft.title or initial["title"], "body": draft.body}
    form = ThreadForm(request.POST or None, initial=initial)
    if request.method == "POST" and _valid(form, request.user) and "preview" not in request.POST:
        data = form.cleaned_data
        try:
            ratelimit.consume(request.user, "thread")
            thread = actions.start_thread(
                author=request.user, title=data["title"], body=data["body"], token=data["token"],
                draft_key=draft_key, **about,
            )
        except ratelimit.RateLimited as limited:
            return _rate_limited(request, limited, data["body"])
        return redirect(thread)
    return render(request, "forum/compose.html", {
        "form": form, "draft": draft, "draft_url": draft_url, **context,
    })


@login_required
def reply(request, pk):
    thread = Thread.objects.visible_to(request.user).select_related("node").filter(pk=pk).first()
    if thread is None:
        return refuse(request, MISSING_THREAD, status=404, draft=request.POST.get("body", ""))
    refusal = permissions.reply_refusal(request.user, thread)
    if refusal:
        return refuse(request, refusal, draft=request.POST.get("body", ""), back=thread)
    # The quote button's script reads only the quote from this page; the draft is in its box.
    fetched = request.headers.get("X-Requested-With") == "fetch"
    draft = None if fetched else drafts.load(request.user, drafts.thread_key(thread))
    answering = drafts.reply_target(
        thread, request.POST.get("reply_to") or request.GET.get("reply_to")
        or (draft and draft.reply_to_id))
    quote = _quote(request, thread)
    body = (draft.body.rstrip() + "\n\n" + quote if quote else draft.body) if draft else quote
    form = ReplyForm(request.POST or None, initial={
        "body": body, "reply_to": answering and answering.pk})
    if request.method == "POST" and _valid(form, request.user) and "preview" not in request.POST:
        data = form.cleaned_data
        try:
            ratelimit.consume(request.user, "post")
            post = actions.reply(
                thread_id=thread.pk, author=request.user, body=data["body"], token=data["token"],
                reply_to=data["reply_to"],
            )
        except ratelimit.RateLimited as limited:
            return _rate_limited(request, limited, data["body"])
        except actions.Refused as refused:  # locked or hidden since the page was loaded
            return refuse(request, str(refused), draft=data["body"], back=thread)
        except Thread.DoesNotExist:
            return refuse(request, MISSING_THREAD, status=404, draft=data["body"])
        return redirect(thread.url_for_number(post.number))
    return render(request, "forum/compose.html", {
        "form": form, "thread": thread, "node": thread.node,
        "heading": f"Reply to “{thread.title}”", "submit_label": "Post reply",
        "action": thread.get_absolute_url() + "reply/", "replying_to": answering, "draft": draft,
        "draft_url": reverse("forum:thread_draft", args=[thread.pk]),
    })


@login_required
def edit_post(request, pk):
    post = get_object_or_404(Post.objects.select_related("thread__node"), pk=pk)
    refusal = permissions.edit_refusal(request.user, post)
    if refusal:
        return refuse(request, refusal, draft=request.POST.get("body", ""), back=post.thread)
    form = EditForm(request.POST or None, initial={"body": post.body, "version": post.edit_count})
    if request.method == "POST" and _valid(form, request.user) and "preview" not in request.POST:
        data = form.cleaned_data
        try:
            actions.edit_post(post_id=post.pk, editor=request.user, body=data["body"],
                              expected_version=data["version"])
        except actions.Refused as refused:
            return refuse(request, str(refused), draft=data["body"], back=post.thread)
        except EditConflict as conflict:
            form.keep_after_conflict(conflict)
        else:
            messages.success(request, "Your post was updated; the earlier version is in its "
                             "history.")
            return redirect(post.thread.url_for_number(post.number))
    return render(request, "forum/compose.html", {
        "form": form, "thread": post.thread, "node": post.thread.node, "post": post,
        "heading": f"Edit post #{post.number}",
        "submit_label": "Save my version" if form.conflict else "Save changes",
    }, status=409 if form.conflict else 200)


@login_required
@require_POST
def delete_post(request, pk):
    post = get_object_or_404(Post.objects.select_related("thread"), pk=pk)
    try:
        actions.delete_post(post_id=post.pk, user=request.user)
    except actions.Refused as refused:
        return refuse(request, str(refused), back=post.thread)
    messages.success(request, "Your post was deleted.")
    return redirect(post.thread.url_for_number(post.number))


@login_required
def flag_post(request, pk):
    post = get_object_or_404(Post.objects.select_related("thread__node", "author"), pk=pk)
    refusal = permissions.flag_refusal(request.user, post)
    if refusal:
        return refuse(request, refusal, back=post.thread)
    form = FlagForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            actions.flag_post(post=post, user=request.user, **form.cleaned_data)
        except actions.Refused as refused:
            messages.info(request, str(refused))
        else:
            messages.success(request, "Thank you: the moderators will look at this post.")
        return redirect(post.thread.url_for_number(post.number))
    return render(request, "forum/flag.html", {"form": form, "post": post, "thread": post.thread})


@login_required
@require_POST
def watch_thread(request, pk):
    thread = get_object_or_404(Thread.objects.visible_to(request.user), pk=pk)
    watching = request.POST.get("watch") == "1"
    actions.set_thread_watch(request.user, thread, watching)
    messages.success(request, "You are watching this thread." if watching
                     else f"You no longer watch “{thread.title}”.")
    return redirect_back(request, thread)


@login_required
@require_POST
def watch_node(request, pk):
    node = get_object_or_404(TaxonomyNode.objects.active(), pk=pk)
    watching = request.POST.get("watch") == "1"
    actions.set_node_watch(request.user, node, watching)
    messages.success(request, "You will hear about new threads here." if watching
                     else "You no longer watch this forum.")
    return redirect_back(request, reverse("forum:node", kwargs={"pk": node.pk}))


def title_from_query(request):
    """A suggested title from ``?title=`` (the "suggest an example" link), for the form."""
    return {"title": request.GET.get("title", "")[:200]}


def _quote(request, thread):
    """The reply's starting text for ``?quote=<post id>``: that post as a blockquote."""
    quote_id = request.GET.get("quote", "")
    if not quote_id.isdigit() or len(quote_id) > 18:
        return ""
    post = thread.posts.select_related("author").filter(pk=int(quote_id)).first()
    if post is None or not permissions.can_view_post_body(request.user, post) or post.is_deleted:
        return ""
    return quote_markdown(post)


def _rate_limited(request, limited, draft):
    minutes = max(1, round(limited.retry_after / 60))
    return render(request, "forum/rate_limited.html", {
        "limited": limited, "minutes": minutes, "draft": draft,
    }, status=429)


def _valid(form, user):
    """The form is valid and its body within what the author's trust level allows (links and
    images for new accounts, trust/limits.py); a refusal is an error on the body, text kept."""
    if not form.is_valid():
        return False
    body = form.cleaned_data["body"]
    refusal = limits.content_refusal(user, lambda: render_post(body).html)
    if refusal:
        form.add_error("body", refusal)
        return False
    return True
