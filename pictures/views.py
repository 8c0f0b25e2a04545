"""The map and the timeline of examples, for the directory's filters (same query string)."""

from django.shortcuts import render
from django.template.loader import render_to_string

from taxonomy.directory import DirectoryFilter

from . import drawing, links
from .map import build as build_map
from .timeline import ROW
from .timeline import build as build_timeline


def world_map(request):
    """Examples on a world map: one query for the examples, whatever their number."""
    form = DirectoryFilter(request.GET)
    picture = build_map(form.examples())
    return render(request, "pictures/map.html", {
        "map": picture,
        "countries_svg": drawing.countries_svg(picture, request.GET),
        "marks_svg": drawing.marks_svg(picture, request.GET),
        **_context(request, form),
    })


def timeline(request):
    """Examples in time: one query for the examples, whatever their number."""
    form = DirectoryFilter(request.GET)
    picture = build_timeline(form.examples(), request.GET.get("page") or 1)
    return render(request, "pictures/timeline.html", {
        "timeline": picture,
        "years_svg": drawing.years_svg(picture),
        "rows_svg": drawing.rows_svg(picture, ROW),
        "row_height": ROW,
        "pagination_query": links.filter_query(request.GET).lstrip("?"),
        **_context(request, form),
    })


def _context(request, form):
    return {
        "form": form,
        "filters": describe(form),
        "directory_url": links.directory_url(request.GET),
        "map_url": links.map_url(request.GET),
        "timeline_url": links.timeline_url(request.GET),
    }


def describe(form):
    """The filters in force, for people: [(label, "value, value")]."""
    described = []
    for name, value in form.values.items():
        if name == "sort" or value in (None, "", []):
            continue
        field = form.fields[name]
        choices = {}
        for key, label in getattr(field, "choices", ()):
            if isinstance(label, list | tuple):  # a group of choices (facets)
                choices.update({k: f"{key}: {v}" for k, v in label})
            else:
                choices[key] = label
        values = value if isinstance(value, list) else [value]
        shown = [str(choices.get(v, v)).lstrip("— ") for v in values]
        described.append((field.label or name.replace("_", " ").capitalize(), ", ".join(shown)))
    return described


def directory_panel(request, obj=None):
    """For the directory (panel slot "taxonomy.directory"): the same examples on the map and
    the timeline. No query."""
    return render_to_string("pictures/includes/directory_panel.html", {
        "map_url": links.map_url(request.GET),
        "timeline_url": links.timeline_url(request.GET),
    }, request=request)
