"""``{% fragment "name" vary… %}…{% endfragment %}``: a part of a page cached per content
generation (see ``network_societies.fragments``)."""

from django import template

from .. import fragments

register = template.Library()


@register.tag
def fragment(parser, token):
    bits = token.split_contents()
    if len(bits) < 2:
        raise template.TemplateSyntaxError("{% fragment %} needs a name.")
    nodelist = parser.parse(("endfragment",))
    parser.delete_first_token()
    return FragmentNode(nodelist, [parser.compile_filter(bit) for bit in bits[1:]])


class FragmentNode(template.Node):
    def __init__(self, nodelist, values):
        self.nodelist = nodelist
        self.values = values

    def render(self, context):
        name, *parts = (value.resolve(context) for value in self.values)
        return fragments.get_or_render(name, parts, lambda: self.nodelist.render(context))
