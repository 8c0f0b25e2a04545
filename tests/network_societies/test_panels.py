"""Panels: what an app registers for a slot is shown there; rendered templates pass through,
a plain string is escaped, an empty panel shows nothing."""

from django.template import Context, Template
from django.template.loader import render_to_string
from django.test import RequestFactory

from network_societies import panels


def test_registered_panels_render_in_their_slot():
    def template_panel(request, obj):
        return render_to_string("proposals/includes/suggest_example.html")

    def plain_panel(request, obj):
        return f"<b>{obj}</b>"

    def empty_panel(request, obj):
        return ""

    for func in (template_panel, plain_panel, empty_panel):
        panels.register("test.slot", func)
    context = Context({"request": RequestFactory().get("/"), "thing": "x"})
    try:
        html = Template('{% load panels %}{% panels "test.slot" thing %}').render(context)
    finally:
        panels._PANELS.pop("test.slot")
    assert html.startswith('<p class="actions pr-suggest"><a class="button')
    assert html.endswith("&lt;b&gt;x&lt;/b&gt;")
    assert Template('{% load panels %}{% panels "no.such.slot" %}').render(context) == ""
