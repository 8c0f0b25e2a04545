"""``{% mermaid_url %}``: the URL of the site's copy of mermaid, or "" when it was not fetched
(``{% static %}`` of a missing file would fail under the manifest storage)."""

from django import template
from django.templatetags.static import static

from markup.vendor import STATIC_PATH, mermaid_present

register = template.Library()


@register.simple_tag
def mermaid_url():
    return static(STATIC_PATH) if mermaid_present() else ""
