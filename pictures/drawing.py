"""The map's and the timeline's repeated SVG elements, as escaped HTML built in Python.

As for the scale diagram (taxonomy.rendering), a template loop per element was the slow part at
thousands of elements; each element here is one ``html_format`` call, which escapes every value.
Colours are classes (static/css/pictures.css), so the pictures follow light and dark mode and
the strict CSP (no style attributes).
"""

from django.urls import reverse
from django.utils.safestring import SafeString

from taxonomy.rendering import html_format, join

from .links import directory_url

# --- The map -----------------------------------------------------------------------------------

COUNTRY = '<path class="pm-country" d="{d}"/>'
COUNTRY_LINK = (
    '<a href="{url}" aria-label="{words}"><title>{words}</title>'
    '<path class="pm-country pm-level-{level}" d="{d}"/></a>'
)
MARK = (
    '<a href="{url}" aria-label="{words}"><title>{words}</title>'
    '<circle class="pm-mark pm-mark--{status}" cx="{x}" cy="{y}" r="{r}"/>{count}</a>'
)
MARK_COUNT = '<text class="pm-mark-count" x="{x}" y="{y}" text-anchor="middle">{n}</text>'


def example_url_maker():
    before, after = reverse("taxonomy:example", args=["-"]).rsplit("-", 1)
    return lambda slug: f"{before}{slug}{after}"


def countries_svg(world_map, query):
    parts = []
    for shape, row in world_map.countries:
        if row is None:
            parts.append(html_format(COUNTRY, d=SafeString(shape.path)))
        else:
            parts.append(html_format(
                COUNTRY_LINK, url=directory_url(query, country=row.iso), level=row.level,
                words=f"{row.name}: {row.count} example{'' if row.count == 1 else 's'}",
                d=SafeString(shape.path)))  # path data is ours: numbers and M/L/Z only
    return join(parts)


def marks_svg(world_map, query):
    example_url = example_url_maker()
    parts = []
    for mark in world_map.marks:
        if mark.count == 1:
            url = example_url(mark.examples[0][1])
        elif len(mark.countries) == 1:
            url = directory_url(query, country=mark.countries[0])
        else:
            url = directory_url(query)
        count = ""
        if mark.count > 1 and mark.radius >= 8:
            count = html_format(MARK_COUNT, x=mark.x, y=round(mark.y + 4, 1), n=f"{mark.count:,}")
        parts.append(html_format(MARK, url=url, words=mark.words(), status=mark.status,
                                 x=mark.x, y=mark.y, r=mark.radius, count=count))
    return join(parts)


# --- The timeline ------------------------------------------------------------------------------

YEAR_BAR = (
    '<rect class="pt-year" x="{x}" y="{y}" width="{width}" height="{height}">'
    "<title>{words}</title></rect>"
)
ROW = """
<a href="{url}" aria-label="{words}"><title>{words}</title>
  <rect class="pt-row-hit" x="0" y="{hit_y}" width="{width}" height="{row_height}"/>
  <rect class="pt-bar pt-bar--{status}{open}" x="{x1}" y="{bar_y}" width="{bar_width}"
        height="8" rx="3"/>
  {start_mark}
  <text class="pt-label" x="{label_x}" y="{text_y}" text-anchor="{anchor}">{name}</text>
</a>"""
START_MARKS = {
    "active": '<circle class="pt-start pt-start--active" cx="{x}" cy="{y}" r="5"/>',
    "past": '<rect class="pt-start pt-start--past" x="{left}" y="{top}" width="10" height="10"/>',
    "planned": '<path class="pt-start pt-start--planned" d="M{x} {top}L{right} {y}L{x} '
               '{bottom}L{left} {y}Z"/>',
}
OPEN_ARROW = '<path class="pt-bar pt-bar--active" d="M{x} {top}L{tip} {y}L{x} {bottom}Z"/>'


def years_svg(timeline):
    base = timeline.histogram_height - 20
    return join(
        html_format(YEAR_BAR, x=year.x, y=round(base - year.height, 1), width=year.width,
                    height=year.height,
                    words=f"{year.year}: {year.count} example{'' if year.count == 1 else 's'}")
        for year in timeline.years if year.count
    )


def rows_svg(timeline, row_height):
    example_url = example_url_maker()
    parts = []
    for row in timeline.rows:
        status = row.status if row.status in START_MARKS else "active"
        y = row.y + row_height - 9  # the bar's middle; the name is above it
        start_mark = html_format(START_MARKS[status], x=row.x1, y=y, left=row.x1 - 5,
                                 right=row.x1 + 5, top=y - 5, bottom=y + 5)
        if row.open_ended:
            start_mark = join([start_mark, html_format(
                OPEN_ARROW, x=row.x2, tip=row.x2 + 7, y=y, top=y - 6, bottom=y + 6)])
        parts.append(html_format(
            ROW, url=example_url(row.slug), words=row.words, hit_y=row.y, width=timeline.width,
            row_height=row_height, status=status, open=" pt-bar--open" if row.open_ended else "",
            x1=row.x1, bar_y=y - 4, bar_width=round(row.x2 - row.x1, 1), start_mark=start_mark,
            label_x=row.label_x, text_y=row.y + 14, anchor=row.label_anchor, name=row.name))
    return join(parts)
