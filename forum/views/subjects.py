"""Discussions of a subject other than a board (an example, a wiki page: ``discussions``): its
threads, a new thread about it, and watching it. MediaWiki's talk page, as a topic list.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

import discussions
from network_societies.http import redirect_back

from .. import actions, drafts
from ..boards import boards_for
from ..host import Forum
from ..models import THREADS_PER_PAGE
from .compose import compose_thread


def subject_or_404(request, kind, pk):
    """The subject ``kind``/``pk`` if ``request.user`` may read it. A category's discussion is
    its board, so callers redirect there."""
    subject = discussions.subject(kind)
    obj = subject.lookup(pk) if subject else None
    if obj is None or not subject.can_read(request.user, obj):
        raise Http404("Nothing to discuss here.")
    return subject, obj


def subject_threads(request, kind, pk):
    subject, obj = subject_or_404(request, kind, pk)
    forum = Forum()
    if kind == "node":
        return redirect(forum.talk_url(obj), permanent=True)
    threads = forum.threads(request.user, obj).for_listing(request.user).ordered()
    page = Paginator(threads, THREADS_PER_PAGE).get_page(request.GET.get("page"))
    return render(request, "forum/subject.html", {
        "subject": obj, "noun": subject.noun, "page_obj": page,
        "boards": boards_for(kind, obj), "watching": forum.watching(request.user, obj),
        "start_url": forum.start_url(obj), "watch_url": forum.watch_url(obj),
    })


@login_required
def new_subject_thread(request, kind, pk):
    subject, obj = subject_or_404(request, kind, pk)
    if kind == "node":
        return redirect(Forum().start_url(obj))
    return compose_thread(request, {"subject": obj}, {
        "node": boards_for(kind, obj)[0], "subject": obj, "noun": subject.noun,
        "heading": f"New discussion about {obj}", "submit_label": "Start discussion",
    }, draft_key=drafts.subject_key(kind, obj.pk),
        draft_url=reverse("forum:subject_draft", args=[kind, obj.pk]))


@login_required
@require_POST
def watch_subject(request, kind, pk):
    subject, obj = subject_or_404(request, kind, pk)
    watching = request.POST.get("watch") == "1"
    actions.set_subject_watch(request.user, kind, obj.pk, watching)
    messages.success(request, f"You will hear about new discussions of this {subject.noun}."
                     if watching else f"You no longer watch the discussions of {obj}.")
    return redirect_back(request, Forum().talk_url(obj))
