"""What proposals show on other apps' pages (registered in ``apps.py``, see
``network_societies.panels``): the cards on a thread, open proposals on the home page for
members, "Suggest an example" on the examples list. Concept pages get theirs through
``taxonomy.contributions`` (``concept.py``)."""

from django.template.loader import render_to_string

from network_societies import fragments

from .cards import cards_context, load
from .models import Proposal

HOME_SHOWN = 5


def thread_panel(request, thread):
    proposals = Proposal.objects.filter(thread=thread).order_by("pk")
    # Most threads have none: known once per content generation, not asked on every view.
    if not fragments.value("thread-has-proposals", [thread.pk], proposals.exists):
        return ""
    context = cards_context(request, proposals)
    context["thread"] = thread
    return render_to_string("proposals/includes/thread_cards.html", context, request=request)


def home_panel(request, obj=None):
    if not request.user.is_authenticated:
        return ""
    soonest = Proposal.objects.visible().undecided().order_by("closes_at", "pk")
    proposals = load(soonest[:HOME_SHOWN])
    return render_to_string("proposals/includes/home_panel.html", {"proposals": proposals},
                            request=request)


def examples_list_panel(request, obj=None):
    return render_to_string("proposals/includes/suggest_example.html", {}, request=request)


