"""The conversation around posts: reactions, @mention suggestions, drafts saved while typing and
"mark all as read". Each works as a plain form; the composer's script (static/js/forum.js) calls
the same URLs with ``X-Requested-With: fetch`` and gets a fragment or JSON back instead of a page.
"""

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth.decorators import login_required
from django.db.models import Max
from django.http import Http404, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_POST

from network_societies import ratelimit
from network_societies.http import redirect_back
from taxonomy.models import TaxonomyNode

from .. import actions, drafts, permissions, reactions
from ..models import Post, Thread
from .subjects import subject_or_404

SUGGESTIONS = 8


def _wants_fragment(request):
    """The script's calls (a beacon cannot set headers, so it sends ``fetch=1``)."""
    return (request.headers.get("X-Requested-With") == "fetch"
            or request.POST.get("fetch") == "1")


@login_required
@require_POST
def react(request, pk):
    """Toggle one reaction; the fetch answer is the post's reaction bar, a form goes back."""
    post = get_object_or_404(Post.objects.select_related("thread"), pk=pk)
    if not permissions.can_view_thread(request.user, post.thread):
        raise Http404("No such post.")
    try:
        ratelimit.consume(request.user, "reaction")
        reactions.toggle(post_id=post.pk, user=request.user, kind=request.POST.get("kind", ""))
    except ratelimit.RateLimited as limited:
        message, status = f"Too many reactions; try again in {limited.minutes} min.", 429
    except reactions.Refused as refused:
        message, status = str(refused), 403
    else:
        message, status = "", 200
    if _wants_fragment(request):
        return render(request, "forum/includes/reaction_bar.html", {
            "post": post, "tallies": reactions.tallies([post], request.user).get(post.pk, []),
            "can_react": True, "error": message,
        }, status=status)
    if message:
        messages.error(request, message)
    return redirect(post.thread.url_for_number(post.number))


def reactions_list(request, pk):
    """Everyone who reacted to a post, by kind: the list behind the counts."""
    post = get_object_or_404(Post.objects.select_related("thread", "author"), pk=pk)
    if not permissions.can_view_thread(request.user, post.thread):
        raise Http404("No such post.")
    return render(request, "forum/reactions.html", {
        "post": post, "thread": post.thread, "groups": reactions.who_reacted(post),
    })


@login_required
@require_GET
def mention_suggestions(request):
    """``?q=ma&thread=12``: up to eight active members whose username starts with ``q`` (then
    contains it), people who wrote in the thread first, as JSON for the composer's combobox."""
    try:
        ratelimit.consume(request.user, "mention_lookup")
    except ratelimit.RateLimited:
        return JsonResponse({"results": [], "error": "Too many lookups"}, status=429)
    # No username holds a control character, and PostgreSQL refuses a NUL in a query.
    query = "".join(ch for ch in request.GET.get("q", "") if ch.isprintable())
    query = query.strip().lstrip("@")[:150]
    if not query:
        return JsonResponse({"results": []})
    people = get_user_model().objects.filter(is_active=True).exclude(pk=request.user.pk)
    thread_id = request.GET.get("thread", "")
    in_thread = []
    if thread_id.isdigit() and len(thread_id) < 19:
        thread = Thread.objects.visible_to(request.user).filter(pk=int(thread_id)).first()
        if thread is not None:
            in_thread = list(
                people.filter(username__icontains=query, forum_posts__thread=thread)
                .annotate(last=Max("forum_posts__number")).order_by("-last")
                .values_list("username", flat=True)[:SUGGESTIONS]
            )
    starts = people.filter(username__istartswith=query).exclude(username__in=in_thread)
    contains = people.filter(username__icontains=query).exclude(username__istartswith=query)
    names = in_thread + list(starts.order_by("username").values_list("username", flat=True)[
        :SUGGESTIONS])
    if len(names) < SUGGESTIONS:
        names += list(contains.exclude(username__in=in_thread).order_by("username")
                      .values_list("username", flat=True)[:SUGGESTIONS])
    results = [{"username": name, "in_thread": name in in_thread}
               for name in names[:SUGGESTIONS]]
    return JsonResponse({"results": results})


def _draft_response(request, draft, back):
    if _wants_fragment(request):
        return JsonResponse({"saved": draft is not None,
                             "updated_at": draft.updated_at.isoformat() if draft else None})
    messages.success(request, "Your draft is saved." if draft else "Your draft is discarded.")
    return redirect_back(request, back)


def _save_draft(request, key, *, url, label, reply_to=None):
    try:
        ratelimit.consume(request.user, "draft")
    except ratelimit.RateLimited:
        return None, HttpResponse("Too many saves", status=429)
    body = request.POST.get("body", "").replace("\x00", "")[:200_000]
    title = request.POST.get("title", "").replace("\x00", "")
    return drafts.save(request.user, key, body=body, title=title, reply_to=reply_to,
                       url=url, label=label), None


@login_required
@require_POST
def thread_draft(request, pk):
    thread = get_object_or_404(Thread.objects.visible_to(request.user), pk=pk)
    if permissions.reply_refusal(request.user, thread):
        raise Http404("This thread takes no replies.")
    reply_to = drafts.reply_target(thread, request.POST.get("reply_to"))
    draft, refused = _save_draft(request, drafts.thread_key(thread),
                                 url=thread.get_absolute_url() + "#reply",
                                 label=f"Reply to “{thread.title}”", reply_to=reply_to)
    return refused or _draft_response(request, draft, thread.get_absolute_url() + "#reply")


@login_required
@require_POST
def board_draft(request, pk):
    node = get_object_or_404(TaxonomyNode.objects.active(), pk=pk)
    url = reverse("forum:new_thread", args=[node.pk])
    draft, refused = _save_draft(request, drafts.board_key(node), url=url,
                                 label=f"New thread in {node.name}")
    return refused or _draft_response(request, draft, url)


@login_required
@require_POST
def subject_draft(request, kind, pk):
    subject, obj = subject_or_404(request, kind, pk)
    url = reverse("forum:subject_new", args=[kind, obj.pk])
    draft, refused = _save_draft(request, drafts.subject_key(kind, obj.pk), url=url,
                                 label=f"New discussion about {obj}")
    return refused or _draft_response(request, draft, url)


@login_required
@require_POST
def mark_all_read(request):
    """Everything in the forum (or, with ``board``, on that board) read for this person."""
    threads = Thread.objects.visible_to(request.user)
    board = request.POST.get("board", "")
    fallback = reverse("forum:index")
    if board.isdigit() and len(board) < 19:
        node = get_object_or_404(TaxonomyNode.objects.active(), pk=int(board))
        threads, fallback = threads.on_board(node), reverse("forum:node", args=[node.pk])
    count = actions.mark_all_read(request.user, threads)
    messages.success(request, f"Marked {count} thread{'s' if count != 1 else ''} as read."
                     if count else "Nothing was unread.")
    return redirect_back(request, fallback)
