"""``{% panels "slot" obj %}``: the HTML other apps registered for this slot
(``network_societies.panels``)."""

from django import template
from django.utils.html import format_html_join

from .. import panels as registry

register = template.Library()


@register.simple_tag(takes_context=True)
def panels(context, slot, obj=None):
    request = context.get("request")
    if request is None:
        return ""
    # A panel renders its app's own template (safe HTML, passed through); anything else it
    # returns is escaped, as conditional_escape does.
    return format_html_join("", "{}", ((html,) for html in registry.render(slot, request, obj)))
