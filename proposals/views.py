"""Proposals on the site: the list with filters, one proposal, making one, voting, and the
Editors' decisions. Each view gets its object (permission-checked), calls one service, renders.

Opening a list or a proposal first closes whatever is due (``services.sweep``): closing needs
no person, the first request after a deadline does it (and ``manage.py close_proposals``).
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from forum.models import Thread
from forum.permissions import reply_refusal
from network_societies import ratelimit
from network_societies.services import add_errors
from taxonomy.models import Example, TaxonomyNode

from . import services
from .forms import NEEDS, DecisionForm, FilterForm, ProposalFields, VoteForm, change_form
from .models import OPEN_STATUSES, Kind, Proposal

PER_PAGE = 30


def proposal_list(request):
    services.sweep()
    form = FilterForm(request.GET or None)
    proposals = Proposal.objects.visible_to(request.user).for_listing()
    form.is_valid()  # a bad filter gets its message; the good ones still apply
    filters = getattr(form, "cleaned_data", {})
    status = filters.get("status") or ""
    if status == "":
        proposals = proposals.filter(status__in=OPEN_STATUSES).order_by("closes_at", "pk")
    elif status != "all":
        proposals = proposals.filter(status=status).order_by("-closed_at", "-pk")
    if filters.get("kind"):
        proposals = proposals.filter(kind=filters["kind"])
    if filters.get("node"):
        proposals = proposals.filter(nodes=filters["node"]).distinct()
    page = Paginator(proposals, PER_PAGE).get_page(request.GET.get("page"))
    return render(request, "proposals/list.html", {
        "form": form, "page_obj": page, "proposals": page.object_list, "status": status,
        "kinds": Kind.choices,
    })


def detail(request, pk):
    """A proposal's own address leads to its card in its thread."""
    proposal = get_object_or_404(Proposal.objects.visible_to(request.user).select_related(
        "thread"), pk=pk)
    return redirect(proposal.thread_url())


@login_required
def new(request, kind):
    """Propose a change of ``kind`` about ``?node=`` or ``?example=``, in ``?thread=`` or a new
    thread on the concept."""
    if kind not in Kind.values:
        raise Http404("No such kind of proposal.")
    node, example, thread = _subject(request, kind)
    data = request.POST if request.method == "POST" else None
    form = change_form(kind, data, node=node, example=example)
    fields = ProposalFields(data)
    if data is not None and form.is_valid() and fields.is_valid():
        try:
            ratelimit.consume(request.user, "proposal")
            proposal = services.open_proposal(
                kind=kind, data={**form.cleaned_data, "node": node, "example": example},
                proposer=request.user, reason=fields.cleaned_data["why"],
                days=fields.cleaned_data["days"], thread=thread,
            )
        except ratelimit.RateLimited as limited:
            return render(request, "proposals/rate_limited.html", {
                "limited": limited, "minutes": max(1, round(limited.retry_after / 60)),
                "draft": fields.cleaned_data["why"],
            }, status=429)
        except ValidationError as error:
            add_errors(form, error)
        except services.Refused as refused:
            form.add_error(None, str(refused))
        else:
            messages.success(request, "Your proposal is open for votes.")
            return redirect(proposal.thread_url())
    return render(request, "proposals/new.html", {
        "form": form, "fields": fields, "kind": kind, "kind_label": Kind(kind).label,
        "node": node, "example": example, "thread": thread,
    }, status=400 if data is not None else 200)


def _subject(request, kind):
    params = request.POST if request.method == "POST" else request.GET
    params = {**request.GET.dict(), **params.dict()}
    node = example = thread = None
    if params.get("node", "").isdigit():
        node = TaxonomyNode.objects.active().filter(pk=params["node"]).first()
    if params.get("example"):
        example = Example.objects.active().filter(slug=params["example"]).first()
    if params.get("thread", "").isdigit():
        thread = Thread.objects.visible().select_related("node").filter(pk=params["thread"]).first()
        if thread is not None and reply_refusal(request.user, thread):
            thread = None
    need = NEEDS.get(kind)
    if need == "node" and node is None:
        raise Http404("Choose the category this proposal is about from its page.")
    if need == "example" and example is None:
        raise Http404("Choose the example this proposal is about from its page.")
    return node, example, thread


@require_POST
@login_required
def vote(request, pk):
    proposal = get_object_or_404(Proposal.objects.visible_to(request.user), pk=pk)
    form = VoteForm(request.POST)
    if not form.is_valid():
        messages.error(request, " ".join(m for e in form.errors.values() for m in e))
        return redirect(proposal.thread_url())
    try:
        ratelimit.consume(request.user, "vote")
        vote, previous = services.cast_vote(
            proposal_id=proposal.pk, voter=request.user, position=form.cleaned_data["position"],
            reason=form.cleaned_data["reason"],
        )
    except ratelimit.RateLimited as limited:
        messages.error(request, f"You are voting faster than the site allows; try again in "
                                f"{max(1, round(limited.retry_after / 60))} minutes.")
    except services.Refused as refused:
        messages.error(request, str(refused))
    else:
        label = vote.get_position_display().lower()
        if previous and previous != vote.position:
            messages.success(request, f"You had voted {previous}; your vote is now {label}.")
        elif previous:
            messages.success(request, f"Your vote is still {label}; its reason was updated.")
        else:
            messages.success(request, f"You voted {label}. You can change your vote until the "
                                      "close.")
    return redirect(proposal.thread_url())


@require_POST
@login_required
def decide(request, pk):
    proposal = get_object_or_404(Proposal.objects.visible_to(request.user), pk=pk)
    form = DecisionForm(request.POST)
    if not form.is_valid():
        messages.error(request, "Choose accept, extend or reject.")
        return redirect(proposal.thread_url())
    action, note = form.cleaned_data["action"], form.cleaned_data["note"]
    try:
        if action == "accept":
            proposal = services.accept(proposal_id=pk, editor=request.user, note=note)
        elif action == "reject":
            proposal = services.reject(proposal_id=pk, editor=request.user, reason=note)
        else:
            days = form.cleaned_data["days"]
            if days is None:
                raise services.Refused("Say by how many days to extend the vote.")
            proposal = services.extend(proposal_id=pk, editor=request.user, days=days)
    except services.Refused as refused:
        messages.error(request, str(refused))
    else:
        messages.success(request, f"Proposal #{pk}: {proposal.get_status_display().lower()}. "
                                  f"{proposal.outcome}")
    return redirect(proposal.thread_url())



NODE_KINDS = [Kind.ADD_EXAMPLE, Kind.ADD_CATEGORY, Kind.EDIT_NODE, Kind.MOVE_NODE,
              Kind.MERGE_NODE, Kind.RETIRE_NODE]
EXAMPLE_KINDS = [Kind.EDIT_EXAMPLE, Kind.RECLASSIFY_EXAMPLE]


@login_required
def choose(request):
    """Which change to propose, about the category or example the person came from."""
    node, example, thread = _subject(request, None)
    if thread is not None and node is None and example is None:
        node = thread.node
    if example is not None:
        kinds = EXAMPLE_KINDS
    elif node is not None and node.level >= 2:
        kinds = NODE_KINDS
    elif node is not None:  # the root or a scale: only what can go under it
        kinds = [Kind.ADD_CATEGORY, Kind.ADD_EXAMPLE][: 1 if node.level == 0 else 2]
    else:
        kinds = [Kind.ADD_EXAMPLE, Kind.ADD_CATEGORY]
    return render(request, "proposals/choose.html", {
        "kinds": [(kind, Kind(kind).label) for kind in kinds],
        "node": node, "example": example, "thread": thread,
    })
