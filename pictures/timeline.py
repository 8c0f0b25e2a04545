"""The timeline of examples: how many were going on each year (all of them), and one bar per
example from its start to its end (a page of them at a time), shaped by status as on the scale
diagram: active a circle at the start and a bar running on to today, past a square and a bar to
its end, planned a hollow diamond and a dashed outline.

An example needs a start date to be placed in time; the others are counted, not drawn.
Everything is computed from two queries (the dated examples, a count of the others), whatever
the number of examples.
"""

from dataclasses import dataclass, field
from datetime import date

from django.core.paginator import Paginator

from taxonomy.models import Status

WIDTH = 960
LEFT, RIGHT = 16, 944
ROW = 34  # a name above a bar
TOP = 34  # room for the year labels
CHAR_WIDTH = 7.0  # average glyph width at 13px, to keep labels inside the picture
PER_PAGE = 40
HISTOGRAM_HEIGHT = 120
MIN_YEARS = 6
STATUS_WORDS = {value: label.lower() for value, label in Status.choices}


@dataclass
class Row:
    name: str
    slug: str
    status: str
    start: date
    end: date | None
    y: float = 0
    x1: float = 0
    x2: float = 0
    label_x: float = 0
    label_anchor: str = "start"
    open_ended: bool = False  # still going: the bar runs to today

    @property
    def words(self):
        status = STATUS_WORDS.get(self.status, self.status)
        if self.end:
            span = f"{self.start:%-d %B %Y} to {self.end:%-d %B %Y}"
        elif self.open_ended:
            span = f"since {self.start:%-d %B %Y}"
        else:
            span = f"from {self.start:%-d %B %Y}, end not known"
        return f"{self.name}: {span} ({status})"


@dataclass
class Year:
    year: int
    count: int
    x: float = 0
    width: float = 0
    height: float = 0


@dataclass
class Timeline:
    first_year: int
    last_year: int
    ticks: list  # [(x, label)]
    years: list  # Year, for the histogram
    peak: int
    rows: list  # Row, this page's
    page: object  # django Page (of all dated examples)
    height: float
    histogram_height: int = HISTOGRAM_HEIGHT
    undated: int = 0
    total: int = 0
    today_x: float = 0
    width: int = WIDTH
    tick_years: list = field(default_factory=list)


def years_active(status, start, end, this_year):
    """The years an example was going on: to its end, to this year if still going, or only its
    start year when it is over (or planned) without a known end."""
    if end is not None:
        return range(start.year, end.year + 1)
    if status == Status.ACTIVE:
        return range(start.year, max(start.year, this_year) + 1)
    return range(start.year, start.year + 1)


def build(examples, page_number=1, today=None):
    """The timeline of an examples queryset (filtered or not), showing page ``page_number`` of
    its dated examples in order of start."""
    today = today or date.today()
    # Tuples, in the database's order; Row objects only for the page shown.
    dated = list(examples.filter(start_date__isnull=False).order_by("start_date", "name", "pk")
                 .values_list("name", "slug", "status", "start_date", "end_date"))
    undated = examples.filter(start_date__isnull=True).count()

    counts = {}
    for _name, _slug, status, start, end in dated:
        for year in years_active(status, start, end, today.year):
            counts[year] = counts.get(year, 0) + 1
    if counts:
        first, last = min(counts), max(max(counts), today.year)
    else:
        first = last = today.year
    if last - first + 1 < MIN_YEARS:
        first = last - MIN_YEARS + 1
    span_days = (date(last + 1, 1, 1) - date(first, 1, 1)).days

    def x_for(day):
        share = (day - date(first, 1, 1)).days / span_days
        return round(LEFT + min(max(share, 0), 1) * (RIGHT - LEFT), 1)

    step = next(s for s in (1, 2, 5, 10, 20, 25, 50, 100) if (last - first + 1) / s <= 12)
    tick_years = [y for y in range(first, last + 1) if y % step == 0] or [first]
    ticks = [(x_for(date(y, 1, 1)), str(y)) for y in tick_years]

    peak = max(counts.values(), default=0)
    year_width = (RIGHT - LEFT) / (last - first + 1)
    years = []
    for year in range(first, last + 1):
        count = counts.get(year, 0)
        height = round((HISTOGRAM_HEIGHT - 24) * count / peak, 1) if peak else 0
        years.append(Year(year, count, round(LEFT + (year - first) * year_width + 1, 1),
                          round(max(year_width - 2, 1), 1), height))

    page = Paginator(dated, PER_PAGE).get_page(page_number)
    rows = [Row(*values) for values in page.object_list]
    for index, row in enumerate(rows):
        _place(row, TOP + index * ROW, x_for, today)
    return Timeline(
        first_year=first, last_year=last, ticks=ticks, years=years, peak=peak, rows=rows,
        page=page, height=TOP + max(len(rows), 1) * ROW + 12, undated=undated,
        total=len(dated) + undated, today_x=x_for(today), tick_years=tick_years,
    )


def _place(row, y, x_for, today):
    row.y = y
    row.x1 = x_for(row.start)
    if row.end is not None:
        end = row.end
    elif row.status == Status.ACTIVE and row.start <= today:
        end, row.open_ended = today, True
    else:
        end = row.start
    row.x2 = max(x_for(end), row.x1 + 4)
    # The name sits above its bar, from where the example began (read first, and seen on a
    # phone without scrolling to the bar's end); near the right edge it ends there instead.
    label_width = len(row.name) * CHAR_WIDTH
    if row.x1 - 5 + label_width <= RIGHT:
        row.label_x, row.label_anchor = max(row.x1 - 5, LEFT), "start"
    else:
        row.label_x, row.label_anchor = RIGHT, "end"
