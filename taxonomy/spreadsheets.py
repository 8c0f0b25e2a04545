"""Examples as a spreadsheet: export any filtered table as CSV, XLSX or ODS (tablib), and import
one back, previewed row by row before anything changes.

An import is three steps: ``read`` the file (its format found from its content, not its name),
``preview`` it (every row checked, matched to an example by slug or else by name, and classified
as create, change or unchanged; stored as a pending ``ExampleImport``), then ``apply`` the stored
preview when an Editor confirms: the browser only sends the import's id, so what is applied is
exactly what was shown. Applying happens in one transaction: a row that no longer fits (the
example changed since the preview, a slug was taken) stops the whole import and nothing is
written. Each change is recorded in the history with the import as its ``batch``.

Columns are the ``COLUMNS`` below (headers in any case; "start"/"end" also work). A column left
out of the file is left alone; an empty cell in a present column clears that field. "sources"
and "url" are written for readers and ignored on import. Rows are numbered as a spreadsheet
shows them: the header is row 1.
"""

import csv
import io
import re
import zipfile
from datetime import date, datetime
from decimal import Decimal, InvalidOperation

import tablib
from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.text import slugify

from network_societies.background import enqueue_on_commit
from network_societies.merging import EditConflict

from . import conf, editing, gazetteer
from .models import (
    Citation,
    Example,
    ExampleImport,
    FacetValue,
    ImportStatus,
    Status,
    TaxonomyNode,
)

COLUMNS = [
    "slug", "name", "summary", "categories", "status", "place", "country", "latitude",
    "longitude", "start_date", "end_date", "size", "website", "facets", "page_path",
    "description",
]
READ_ONLY_COLUMNS = ["sources", "url"]
ALIASES = {"start": "start_date", "end": "end_date", "category": "categories", "facet": "facets"}
FORMATS = {
    "csv": ("text/csv; charset=utf-8", "csv"),
    "xlsx": ("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "xlsx"),
    "ods": ("application/vnd.oasis.opendocument.spreadsheet", "ods"),
}
LIST_SEPARATOR = "; "
# Cells a spreadsheet program would run as a formula are written with a leading apostrophe
# (and read back without it), so an exported description starting with "=" stays text.
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
MAX_UNPACKED_BYTES = 200 * 1024 * 1024


class ImportFileError(ValueError):
    """The file cannot be read as a spreadsheet at all (the message says why)."""


# --- Export ---------------------------------------------------------------------------------


def citation_line(request=None):
    from django.conf import settings

    site = getattr(settings, "NS_SITE_NAME", "Network Societies")
    where = request.build_absolute_uri(reverse("taxonomy:directory")) if request else "/examples/"
    return (f"{site} contributors, “Examples of network societies”, {where}, "
            f"retrieved {timezone.now():%Y-%m-%d}.")


def _escape(value):
    if isinstance(value, str) and value.startswith(FORMULA_START):
        return "'" + value
    return value


def _unescape(value):
    if isinstance(value, str) and value.startswith("'") and value[1:].startswith(FORMULA_START):
        return value[1:]
    return value


ROW_FIELDS = [
    "pk", "slug", "name", "summary", "status", "place", "country", "latitude", "longitude",
    "start_date", "end_date", "size", "website", "page_path", "description",
]


def rows(examples, request=None):
    """The exported cells of each of ``examples`` (a filtered, ordered queryset), in order.

    Plain values, not model instances: four queries whatever the number of rows (the examples,
    then their category paths, facet values and citations), so exporting 10,000 examples takes
    seconds, not minutes."""
    ids = examples.values("pk")
    categories, facet_keys, sources = {}, {}, {}
    paths = (
        Example.nodes.through.objects.filter(example__in=ids, taxonomynode__retired_at__isnull=True)
        .order_by("taxonomynode__tree_id", "taxonomynode__lft")
        .values_list("example_id", "taxonomynode__path")
    )
    for pk, path in paths:
        if path:
            categories.setdefault(pk, []).append(path)
    keys = (
        Example.facet_values.through.objects.filter(example__in=ids,
                                                    facetvalue__retired_at__isnull=True)
        .order_by("facetvalue__facet__order", "facetvalue__facet__name", "facetvalue__order",
                  "facetvalue__name")
        .values_list("example_id", "facetvalue__facet__slug", "facetvalue__slug")
    )
    for pk, facet, value in keys:
        facet_keys.setdefault(pk, []).append(f"{facet}:{value}")
    for pk, fact, url in Citation.objects.filter(example__in=ids).order_by(
            "example", "order", "pk").values_list("example_id", "fact", "url"):
        sources.setdefault(pk, []).append(f"{fact}: {url}")
    link = reverse("taxonomy:example", args=["SLUG"])
    if request:
        link = request.build_absolute_uri(link)
    for row in examples.values(*ROW_FIELDS).iterator(chunk_size=2000):
        pk = row["pk"]
        cells = {
            **row,
            "categories": LIST_SEPARATOR.join(categories.get(pk, [])),
            "latitude": float(row["latitude"]) if row["latitude"] is not None else None,
            "longitude": float(row["longitude"]) if row["longitude"] is not None else None,
            "start_date": row["start_date"].isoformat() if row["start_date"] else "",
            "end_date": row["end_date"].isoformat() if row["end_date"] else "",
            "facets": LIST_SEPARATOR.join(facet_keys.get(pk, [])),
            "sources": "\n".join(sources.get(pk, [])),
            "url": link.replace("SLUG", row["slug"]),
        }
        yield [_escape(cells[name]) for name in COLUMNS + READ_ONLY_COLUMNS]


def export(examples, file_format, request=None):
    """``(bytes, content type, file extension)`` of ``examples`` (a filtered, ordered
    queryset). CSV starts with two "#" lines (license and citation) that ``read`` skips; XLSX
    and ODS carry them on a second sheet, "About"."""
    if file_format not in FORMATS:
        raise ValueError(f"Unknown format {file_format!r}")
    data = tablib.Dataset(headers=COLUMNS + READ_ONLY_COLUMNS, title="Examples")
    for row in rows(examples, request):
        data.append(row)
    license_line = f"License: {conf.license_name()} ({conf.license_url()})"
    cite = "Cite as: " + citation_line(request)
    content_type, extension = FORMATS[file_format]
    if file_format == "csv":
        body = f"# {license_line}\n# {cite}\n" + data.export("csv", lineterminator="\n")
        return body.encode("utf-8"), content_type, extension
    about = tablib.Dataset(headers=["About this table"], title="About")
    about.append([license_line])
    about.append([cite])
    return tablib.Databook([data, about]).export(file_format), content_type, extension


# --- Reading --------------------------------------------------------------------------------


def _format_of(content):
    if content[:4] == b"PK\x03\x04":
        try:
            archive = zipfile.ZipFile(io.BytesIO(content))
            names = archive.namelist()
            if sum(info.file_size for info in archive.infolist()) > MAX_UNPACKED_BYTES:
                raise ImportFileError("The file unpacks to more than 200 MB; split it.")
        except zipfile.BadZipFile as error:
            raise ImportFileError("The file looks like a damaged XLSX or ODS file.") from error
        if "mimetype" in names and b"opendocument.spreadsheet" in archive.read("mimetype"):
            return "ods"
        if any(name.startswith("xl/") for name in names):
            return "xlsx"
        raise ImportFileError("This archive is neither an XLSX nor an ODS spreadsheet.")
    if content[:8] == b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1":
        raise ImportFileError("Old Excel files (.xls) cannot be read: save it as XLSX or CSV.")
    return "csv"


def _decode(content):
    for encoding in ("utf-8-sig", "cp1252"):
        try:
            return content.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise ImportFileError("The CSV file is not UTF-8 text.")


def _read_csv(text):
    lines = text.splitlines(keepends=True)
    while lines and lines[0].startswith("#"):  # our license and citation lines
        lines.pop(0)
    text = "".join(lines)
    if "\x00" in text:
        raise ImportFileError("The file is not a spreadsheet (it contains binary data).")
    first = lines[0] if lines else ""
    delimiter = max(",;\t", key=first.count) if first else ","
    reader = csv.reader(io.StringIO(text), delimiter=delimiter)
    try:
        table = list(reader)
    except csv.Error as error:
        raise ImportFileError(f"The CSV file cannot be read: {error}.") from error
    return table[0] if table else [], table[1:]


def read(content, filename=""):
    """``(file format, headers, rows)`` of a spreadsheet file's first sheet; rows are lists of
    cells (str, int, float, date or None). Raises ImportFileError."""
    if len(content) > conf.import_max_bytes():
        raise ImportFileError(
            f"The file is larger than {conf.import_max_bytes() // (1024 * 1024)} MB."
        )
    file_format = _format_of(content)
    if file_format == "csv":
        headers, rows = _read_csv(_decode(content))
    else:
        try:
            # As a book, then its first sheet: tablib's ODS reader would pour every sheet (our
            # "About" sheet too) into one dataset.
            book = tablib.Databook()
            book.load(content, file_format)
            sheets = book.sheets()
            data = sheets[0] if sheets else tablib.Dataset()
        except Exception as error:  # the readers raise anything on a broken file
            raise ImportFileError(
                f"The {file_format.upper()} file cannot be read ({type(error).__name__})."
            ) from error
        headers, rows = list(data.headers or []), [list(row) for row in data]
    if not headers:
        raise ImportFileError("The file is empty: the first row should name the columns.")
    return file_format, headers, rows


# --- Checking rows --------------------------------------------------------------------------


def _text(value):
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, datetime):
        value = value.date()
    if isinstance(value, date):
        return value.isoformat()
    return _unescape(str(value)).strip()


def _list(value):
    return [item.strip() for item in re.split(r"[;\n]", _text(value)) if item.strip()]


class Lookups:
    """Everything rows are checked against, read once per file: a fixed number of queries."""

    def __init__(self, rows):
        nodes = list(TaxonomyNode.objects.active().filter(level__gte=1))
        self.nodes_by_path = {node.path: node for node in nodes}
        self.nodes_by_name = {}
        for node in nodes:
            self.nodes_by_name.setdefault(gazetteer.fold(node.name), []).append(node)
        values = FacetValue.objects.filter(
            retired_at__isnull=True, facet__retired_at__isnull=True
        ).select_related("facet")
        self.values_by_key = {value.key: value for value in values}
        slugs = {_text(row.get("slug")) for row in rows} - {""}
        names = {_text(row.get("name")) for row in rows} - {""}
        found = (
            Example.objects.filter(slug__in=slugs)
            | Example.objects.filter(name__in=names)
        ).prefetch_related("nodes", "facet_values__facet")
        self.by_slug = {example.slug: example for example in found}
        self.by_name = {}
        for example in found:
            self.by_name.setdefault(gazetteer.fold(example.name), []).append(example)

    def node(self, text):
        if text.strip("/") in self.nodes_by_path:
            return self.nodes_by_path[text.strip("/")]
        named = self.nodes_by_name.get(gazetteer.fold(text), [])
        return named[0] if len(named) == 1 else None

    def example(self, slug, name):
        if slug:
            return self.by_slug.get(slug)
        named = [e for e in self.by_name.get(gazetteer.fold(name), []) if not e.is_retired]
        return named[0] if len(named) == 1 else None


def _status(text):
    for value, label in Status.choices:
        if gazetteer.fold(text) in (value, gazetteer.fold(label)):
            return value
    raise ValueError(f"unknown status “{text}” (use {', '.join(Status.values)})")


def _date(value, label):
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    text = _text(value)
    if not text:
        return None
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise ValueError(f"{label} “{text}” is not a date (write it as YYYY-MM-DD)") from None


def _size(value):
    text = _text(value).replace(",", "").replace("\u202f", "").replace(" ", "")
    if not text:
        return None
    if not text.isdigit():
        raise ValueError(f"size “{_text(value)}” is not a whole number of people")
    return int(text)


def _coordinate(value, label, limit):
    text = _text(value)
    if not text:
        return None
    try:
        number = Decimal(text.replace(",", "."))
    except InvalidOperation:
        raise ValueError(f"{label} “{text}” is not a number") from None
    if not number.is_finite() or not -limit <= number <= limit:
        raise ValueError(f"{label} {text} is not between −{limit} and {limit}")
    return float(number.quantize(Decimal("0.00001")))


def _clean_row(cells, present, lookups):
    """{field: JSON value} for the present columns; raises ValueError with every reason."""
    reasons, values = [], {}

    def field(name, convert):
        if name in present:
            try:
                values[name] = convert(cells.get(name))
            except ValueError as error:
                reasons.append(str(error))

    for name, limit in (("name", 160), ("summary", 300), ("place", 160), ("page_path", 255)):
        field(name, lambda v, name=name, limit=limit: _limited(_text(v), name, limit))
    field("description", _description)
    field("slug", _text)
    field("status", lambda v: _status(_text(v)) if _text(v) else Status.ACTIVE)
    field("country", _country)
    field("latitude", lambda v: _coordinate(v, "latitude", 90))
    field("longitude", lambda v: _coordinate(v, "longitude", 180))
    field("start_date", lambda v: _date(v, "start date"))
    field("end_date", lambda v: _date(v, "end date"))
    field("size", _size)
    field("website", _website)
    field("categories", lambda v: _categories(v, lookups))
    field("facets", lambda v: _facets(v, lookups))
    start, end = values.get("start_date"), values.get("end_date")
    if start and end and end < start:
        reasons.append(f"the end date {end} is before the start date {start}")
    if ("latitude" in values) != ("longitude" in values) or (
        (values.get("latitude") is None) != (values.get("longitude") is None)
    ):
        reasons.append("give both latitude and longitude, or neither")
    if "page_path" in values and values["page_path"]:
        from .forms import clean_page_path

        try:
            values["page_path"] = clean_page_path(values["page_path"])
        except ValidationError as error:
            reasons.append("page path: " + " ".join(error.messages))
    if reasons:
        raise ValueError("; ".join(reasons))
    for name in ("start_date", "end_date"):
        if values.get(name):
            values[name] = values[name].isoformat()
    return values


def _description(value):
    text = _unescape(value) if isinstance(value, str) else _text(value)
    return text.replace("\r\n", "\n").replace("\r", "\n").strip()


def _limited(text, name, limit):
    if len(text) > limit:
        raise ValueError(f"{name.replace('_', ' ')} is longer than {limit} characters")
    return text


def _country(value):
    text = _text(value)
    if not text:
        return ""
    code = gazetteer.find_country(text)
    if code is None:
        raise ValueError(f"unknown country “{text}” (use an ISO code such as TH, or its name)")
    return code


def _website(value):
    text = _text(value)
    if text:
        try:
            URLValidator(schemes=["http", "https"])(text)
        except ValidationError:
            raise ValueError(f"website “{text}” is not a web address") from None
        if len(text) > 500:
            raise ValueError("website is longer than 500 characters")
    return text


def _categories(value, lookups):
    found, unknown = [], []
    for text in _list(value):
        node = lookups.node(text)
        if node is None:
            unknown.append(text)
        elif node.pk not in found:
            found.append(node.pk)
    if unknown:
        raise ValueError("unknown category " + ", ".join(f"“{t}”" for t in unknown))
    return sorted(found)


def _facets(value, lookups):
    found, unknown = [], []
    for text in _list(value):
        facet_value = lookups.values_by_key.get(text)
        if facet_value is None:
            unknown.append(text)
        elif facet_value.pk not in found:
            found.append(facet_value.pk)
    if unknown:
        raise ValueError(
            "unknown facet value " + ", ".join(f"“{t}”" for t in unknown)
            + " (write facet:value, as in economic-models:shared-treasury)"
        )
    return sorted(found)


FIELD_OF_COLUMN = {"categories": "nodes", "facets": "facet_values"}


def _current(example):
    """The example's values as a row would state them (JSON), for comparing."""
    state = {
        name: editing._json_value(getattr(example, name))
        for name in editing.EXAMPLE_FIELDS if name not in editing.EXAMPLE_RELATED
    }
    state["categories"] = sorted(node.pk for node in example.nodes.all())
    state["facets"] = sorted(value.pk for value in example.facet_values.all())
    return state


def _headers(headers):
    """Column names as fields, or ImportFileError for a file without names or slugs."""
    fields = []
    for header in headers:
        name = re.sub(r"[\s-]+", "_", _text(header).lower())
        fields.append(ALIASES.get(name, name))
    if "name" not in fields and "slug" not in fields:
        raise ImportFileError(
            "The first row should name the columns, with at least “name” or “slug”: "
            + ", ".join(COLUMNS) + "."
        )
    return fields


def plan(headers, rows):
    """``(planned rows, errors)``: each row checked and classified; errors as
    ``{"row": number, "reason": text}``. Nothing is written."""
    fields = _headers(headers)
    present = [name for name in fields if name in COLUMNS]
    records = []
    for number, cells in enumerate(rows, start=2):
        record = {name: cells[i] if i < len(cells) else None for i, name in enumerate(fields)}
        if any(_text(record.get(name)) for name in present):
            records.append((number, record))
    if len(records) > conf.import_max_rows():
        raise ImportFileError(
            f"The file has {len(records):,} rows; "
            f"import at most {conf.import_max_rows():,} at once."
        )
    lookups = Lookups([record for _, record in records])
    planned, errors, seen_slugs, seen_examples = [], [], {}, {}
    for number, record in records:
        try:
            values = _clean_row(record, present, lookups)
        except ValueError as error:
            errors.append({"row": number, "reason": str(error)})
            continue
        slug, name = values.get("slug", ""), values.get("name", "")
        example = lookups.example(slug, name)
        if example is None:
            if not name:
                errors.append({"row": number, "reason": (
                    f"no example has the slug “{slug}”; give a name to create one" if slug
                    else "give a name or a slug")})
                continue
            slug = slug or slugify(name)[:100].strip("-")
            if not editing.SLUG_RE.match(slug):
                errors.append({"row": number, "reason": f"“{slug}” is not a valid slug"})
                continue
            values["slug"] = slug
        elif "slug" not in values or not values["slug"]:
            values["slug"] = example.slug
        if values["slug"] in seen_slugs:
            errors.append({"row": number, "reason": (
                f"duplicate slug “{values['slug']}” (also in row {seen_slugs[values['slug']]})")})
            continue
        seen_slugs[values["slug"]] = number
        if example is not None:
            if example.pk in seen_examples:
                errors.append({"row": number, "reason": (
                    f"“{example.name}” is also in row {seen_examples[example.pk]}")})
                continue
            seen_examples[example.pk] = number
        planned.append(_classify(number, example, values, lookups))
    new_slugs = {row["slug"]: row for row in planned if row["action"] == "create"}
    for slug in Example.objects.filter(slug__in=list(new_slugs)).values_list("slug", flat=True):
        row = new_slugs[slug]
        planned.remove(row)
        errors.append({"row": row["row"], "reason": (
            f"another example already uses the slug “{slug}” (give this row its own slug, or "
            "that example's name)")})
    errors.sort(key=lambda error: error["row"])
    return planned, errors


def _classify(number, example, values, lookups):
    if example is None:
        values.setdefault("status", Status.ACTIVE)
        return {"row": number, "action": "create", "example": None, "version": None,
                "name": values["name"], "slug": values["slug"], "values": values,
                "changes": {}}
    current = _current(example)
    labels = {node.pk: node.path for node in example.nodes.all()}
    labels.update({node.pk: node.path for node in lookups.nodes_by_path.values()})
    value_labels = {value.pk: value.key for value in example.facet_values.all()}
    value_labels.update({value.pk: key for key, value in lookups.values_by_key.items()})

    def shown(name, value):
        if name == "categories":
            return [labels.get(pk, pk) for pk in value]
        if name == "facets":
            return [value_labels.get(pk, pk) for pk in value]
        return value

    changes = {
        name: [shown(name, current.get(name)), shown(name, value)]
        for name, value in values.items()
        if current.get(name) != value
        and not (current.get(name) in (None, "") and value in (None, ""))
    }
    if example.is_retired:
        changes["retired"] = [True, False]
    return {"row": number, "action": "change" if changes else "unchanged",
            "example": example.pk, "version": example.version, "name": example.name,
            "slug": example.slug, "values": values, "changes": changes}


def preview(content, filename, user):
    """Read and check a file and store the result as a pending ExampleImport (returned).
    Raises ImportFileError for a file that is not a readable spreadsheet."""
    file_format, headers, rows = read(content, filename)
    planned, errors = plan(headers, rows)
    return ExampleImport.objects.create(
        user=user if user and user.is_authenticated else None,
        filename=(filename or "")[:255],
        file_format=file_format,
        rows=planned,
        errors=errors,
    )


# --- Applying -------------------------------------------------------------------------------


class ImportRefused(Exception):
    """The stored preview can no longer be applied (the message says why); nothing changed."""


def _service_values(values, lookups_nodes, lookups_values):
    fields = {}
    for name, value in values.items():
        if name == "categories":
            fields["nodes"] = [lookups_nodes[pk] for pk in value if pk in lookups_nodes]
        elif name == "facets":
            fields["facet_values"] = [lookups_values[pk] for pk in value if pk in lookups_values]
        elif name in ("start_date", "end_date"):
            fields[name] = date.fromisoformat(value) if value else None
        else:
            fields[name] = value
    return fields


def queue_apply(example_import, user):
    """Confirm a pending import: mark it as being applied and queue ``apply`` on the task queue
    (a large file takes longer than a request should). Raises ImportRefused if it cannot be."""
    from .tasks import apply_import

    with transaction.atomic():
        example_import = ExampleImport.objects.select_for_update().get(pk=example_import.pk)
        if example_import.status != ImportStatus.PENDING:
            raise ImportRefused(f"This import was {example_import.get_status_display().lower()}.")
        if example_import.errors:
            raise ImportRefused("Fix the rows with errors and upload the file again.")
        example_import.status = ImportStatus.APPLYING
        example_import.refusal = ""
        example_import.save(update_fields=["status", "refusal"])
        enqueue_on_commit(apply_import, example_import.pk, user.pk if user else None)
    return example_import


def apply_queued(import_id, user_id):
    """The task's work: apply an import confirmed by ``queue_apply``; a refusal puts it back to
    waiting for confirmation, with the reason shown on its page."""
    from django.contrib.auth import get_user_model

    user = get_user_model().objects.filter(pk=user_id).first() if user_id else None
    example_import = ExampleImport.objects.get(pk=import_id)
    try:
        return apply(example_import, user)
    except ImportRefused as refusal:
        ExampleImport.objects.filter(pk=import_id, status=ImportStatus.APPLYING).update(
            status=ImportStatus.PENDING, refusal=str(refusal)[:500]
        )
        return None


def apply(example_import, user):
    """Apply a pending (or confirmed) import's stored rows in one transaction; returns the
    counts. Raises ImportRefused (nothing written) if it has errors, was applied already, or a
    row no longer fits what is stored now."""
    with transaction.atomic():
        example_import = ExampleImport.objects.select_for_update().get(pk=example_import.pk)
        if example_import.status not in (ImportStatus.PENDING, ImportStatus.APPLYING):
            raise ImportRefused(f"This import was {example_import.get_status_display().lower()}.")
        if example_import.errors:
            raise ImportRefused("Fix the rows with errors and upload the file again.")
        node_ids, value_ids = set(), set()
        for row in example_import.rows:
            node_ids.update(row["values"].get("categories") or [])
            value_ids.update(row["values"].get("facets") or [])
        nodes = TaxonomyNode.objects.active().in_bulk(node_ids)
        values = FacetValue.objects.filter(retired_at__isnull=True).in_bulk(value_ids)
        if len(nodes) != len(node_ids) or len(values) != len(value_ids):
            raise ImportRefused("A category or facet value was retired since the preview; "
                                "upload the file again.")
        examples = Example.objects.in_bulk(
            [row["example"] for row in example_import.rows if row["example"]]
        )
        reason = f"Spreadsheet import #{example_import.pk}"
        for row in example_import.rows:
            if row["action"] == "unchanged":
                continue
            fields = _service_values(row["values"], nodes, values)
            example = examples.get(row["example"]) if row["example"] else Example()
            if row["example"] and example is None:
                raise ImportRefused(f"Row {row['row']}: “{row['name']}” no longer exists.")
            if row["example"] and example.version != row["version"]:
                raise ImportRefused(
                    f"Row {row['row']}: “{row['name']}” was changed by someone since the "
                    "preview; upload the file again to see the current values."
                )
            expected = row["version"]
            try:
                if example.pk and example.is_retired:
                    editing.restore_example(example, user=user, reason=reason,
                                            batch=example_import)
                    example.refresh_from_db()
                    expected = example.version
                editing.save_example(example, user=user, reason=reason, batch=example_import,
                                     expected_version=expected, **fields)
            except (ValidationError, EditConflict) as error:
                text = " ".join(getattr(error, "messages", [])) or "it was changed meanwhile"
                raise ImportRefused(f"Row {row['row']}: {text}") from error
        example_import.status = ImportStatus.APPLIED
        example_import.applied_at = timezone.now()
        example_import.refusal = ""
        example_import.save(update_fields=["status", "applied_at", "refusal"])
        return example_import.counts()


def discard(example_import):
    updated = ExampleImport.objects.filter(
        pk=example_import.pk, status=ImportStatus.PENDING
    ).update(status=ImportStatus.DISCARDED)
    return bool(updated)


def change_sources(changes):
    """For ``taxonomy.sources``: changes made by an import link to it (no query: the batch id is
    on the change)."""
    return {
        change.pk: {"label": f"spreadsheet import #{change.batch_id}",
                    "url": reverse("taxonomy:import_detail", args=[change.batch_id])}
        for change in changes if change.batch_id
    }
