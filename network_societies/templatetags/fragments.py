"""``{% fragment "name" vary… %}…{% endfragment %}``: a part of a page cached per content
generation (see ``network_societies.fragments``). A CSRF token inside is stored as a placeholder
and replaced by this request's own token (an alphanumeric string) on the way out."""

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
        token = context.get("csrf_token")
        if token is None:  # no request to take a token from: nothing to share either
            return self.nodelist.render(context)
        name, *parts = (value.resolve(context) for value in self.values)

        placeholder = fragments.csrf_placeholder()

        def render():
            with context.push(csrf_token=placeholder):
                return self.nodelist.render(context)

        html = fragments.get_or_render(name, parts, render)
        # A node's output is never escaped again, so a plain string is what it returns.
        return html.replace(placeholder, str(token)) if placeholder in html else html
