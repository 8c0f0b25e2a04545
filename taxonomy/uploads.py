"""What the taxonomy tells the files app: examples and categories can have a cover image (set
by Editors), and their descriptions may show uploads."""

from files import covers
from files.references import reference_fragment
from files.usage import LIMIT, Use, register

from .models import Example, TaxonomyNode
from .permissions import can_edit

covers.register(Example, kind="Example", can_set=can_edit)
covers.register(TaxonomyNode, kind="Category", can_set=can_edit)


def descriptions_using(upload):
    fragment = reference_fragment(upload.pk)
    found = [
        Use("Example", example.name, example.get_absolute_url())
        for example in Example.objects.active().filter(description__contains=fragment)[:LIMIT]
    ]
    found += [
        Use("Category", node.name, node.get_absolute_url())
        for node in TaxonomyNode.objects.active().filter(description__contains=fragment)[:LIMIT]
    ]
    return found


def refresh_descriptions(upload):
    """Stored description HTML is a cache: renderer version 0 has it rendered again."""
    fragment = reference_fragment(upload.pk)
    for model in (Example, TaxonomyNode):
        model.objects.filter(description__contains=fragment).update(
            description_renderer_version=0
        )


register(descriptions_using, refresh=refresh_descriptions)
