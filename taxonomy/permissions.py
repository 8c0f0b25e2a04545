"""Who may see and change what in the taxonomy: the app's one permission policy.

Everyone reads active nodes and examples; Editors and Moderators (``accounts.roles.is_editor``)
also see retired ones (to restore them) and make every change. Each object check has a matching
queryset filter, and the tests check that they agree.
"""

from accounts.roles import is_editor

from .models import Example, TaxonomyNode


def can_edit(user):
    return is_editor(user)


def can_view(user, obj):
    return not obj.is_retired or can_edit(user)


def viewable_nodes(user):
    nodes = TaxonomyNode.objects.all()
    return nodes if can_edit(user) else nodes.active()


def viewable_examples(user):
    examples = Example.objects.all()
    return examples if can_edit(user) else examples.active()
