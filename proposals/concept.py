"""The proposals' section of a concept page's Discussion tab (see ``taxonomy.contributions``):
the open proposals about the category or example, and links to propose a change to it. A
category's section also gives the page its "suggest an example" link (the add-example form)."""

from django.urls import reverse

from taxonomy.models import Example

from .cards import load, open_for_node
from .models import Proposal


def section(request, concept):
    """Two queries (three when a due proposal closed); nothing for a retired concept."""
    if concept.is_retired:
        return None
    if isinstance(concept, Example):
        proposals = load(Proposal.objects.visible().undecided().filter(example=concept))
        return {"proposals": proposals, "example": concept, "stylesheet": "css/proposals.css"}
    proposals = load(open_for_node(concept).order_by("closes_at", "pk"))
    context = {"proposals": proposals, "node": concept, "stylesheet": "css/proposals.css"}
    if concept.level >= 1:
        context["suggest_url"] = (
            f"{reverse('proposals:new', args=['add_example'])}?node={concept.pk}"
        )
    return context
