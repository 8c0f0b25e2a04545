"""The Wiki.js storage format: one markdown file per page, with a front-matter block.

A file Wiki.js writes (its git/disk storage) looks like this::

    ---
    title: Network Societies
    description:
    published: true
    date: 2024-12-10T18:54:09.678Z
    tags: pop-ups, hubs
    editor: markdown
    dateCreated: 2024-11-29T13:41:41.766Z
    ---

    # Overview
    ...

A page written in Wiki.js's visual editor or as HTML (``editor: ckeditor`` or ``code``) is an
``.html`` file whose metadata sits in an HTML comment (``<!--`` ... ``-->``) instead.

``parse()`` reads such a file into a ``WikiJsPage`` and ``serialise()`` writes one back, so that
serialise → parse gives the same page again, byte for byte in the body. The page's path comes from
the file's path (``path_from_file()``), never from the front matter: ``ja/product/about.md`` is
the Japanese page ``ja/product/about``, ``en/product/about.md`` (the default locale's folder) the
page ``product/about``.

Files come from people's disks, so reading never hangs or explodes: only regular files of a
bounded size are opened, and YAML anchors and aliases (which Wiki.js never writes, and which can
expand exponentially) are refused before the YAML is built.

Wiki.js writes values unquoted, so a title like ``Pop-ups: a guide`` is not valid YAML; we then
read the block line by line, splitting each line on its first ": ". Every problem is raised as a
``WikiJsError`` whose message says what is wrong, for the importer to report per file.
"""

import os
import re
import stat
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path, PurePosixPath

import yaml
from django.conf import settings

FENCE = "---"
HTML_OPEN, HTML_CLOSE = "<!--", "-->"
EXTENSIONS = {".md": "markdown", ".html": "html"}
# Wiki.js's editors and the content type each writes.
HTML_EDITORS = {"ckeditor", "code"}
# A page file larger than this is refused unread (the body limit is far below it).
MAX_FILE_BYTES = 20 * 1024 * 1024
MAX_META_CHARS = 64 * 1024
# The keys Wiki.js 2 writes, in its order. Older files have fewer of them.
KEYS = ("title", "description", "published", "date", "tags", "editor", "dateCreated")
# A leading locale folder of a namespaced Wiki.js storage: "en/", "de/", "pt-br/" (its regex).
LOCALE_FOLDER = re.compile(r"^[a-z]{2}(-[a-z]{2})?$", re.IGNORECASE)
TRUE_WORDS = {"true", "yes", "on", "1"}
FALSE_WORDS = {"false", "no", "off", "0"}


class WikiJsError(ValueError):
    """A file that is not a readable Wiki.js page; the message is the reason, for a person."""


@dataclass
class WikiJsPage:
    path: str
    title: str
    body: str
    description: str = ""
    published: bool = True
    tags: list[str] = field(default_factory=list)
    updated_at: datetime | None = None
    created_at: datetime | None = None
    editor: str = "markdown"

    @property
    def is_html(self):
        return self.editor in HTML_EDITORS


# --- Reading ---------------------------------------------------------------------------------


def read_file(file_path, root=None):
    """Parse the file at ``file_path``; its page path is taken relative to ``root``."""
    file_path = Path(file_path)
    relative = file_path.relative_to(root) if root else Path(file_path.name)
    path = path_from_file(relative.as_posix())
    text = read_text(file_path)
    return parse(text, path=path, html=file_path.suffix.lower() == ".html")


def read_text(file_path):
    """The file's text, if it is a regular UTF-8 file of a sane size; else a WikiJsError.

    A FIFO or device is refused before it is opened (opening a FIFO waits for a writer), and the
    open itself never blocks, in case the file was swapped for one in between."""
    try:
        info = os.stat(file_path)
    except OSError as error:
        raise WikiJsError(_os_reason(error)) from None
    if not stat.S_ISREG(info.st_mode):
        raise WikiJsError("not a regular file (a FIFO, device or socket), so it was not read")
    if info.st_size > MAX_FILE_BYTES:
        raise WikiJsError(f"the file is larger than {MAX_FILE_BYTES // 2**20} MB")
    try:
        descriptor = os.open(file_path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
        with os.fdopen(descriptor, "rb") as handle:
            if not stat.S_ISREG(os.fstat(handle.fileno()).st_mode):
                raise WikiJsError("not a regular file, so it was not read")
            data = handle.read(MAX_FILE_BYTES + 1)
    except OSError as error:
        raise WikiJsError(_os_reason(error)) from None
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as error:
        raise WikiJsError(f"not UTF-8 text (byte {error.start})") from None


def _os_reason(error):
    if error.errno == 40:  # ELOOP
        return "a symbolic link loop: the link never reaches a file"
    return f"cannot read the file ({error.strerror})"


def path_from_file(relative_path):
    """``network-societies/pop-ups.md`` → ``network-societies/pop-ups``; a locale folder stays
    as the page's locale segment (``ja/about.md`` → ``ja/about``) unless it is the default
    locale's (``en/about.md`` → ``about``)."""
    parts = list(PurePosixPath(relative_path).parts)
    suffix = PurePosixPath(relative_path).suffix.lower()
    if not parts or suffix not in EXTENSIONS:
        raise WikiJsError("not a page file (the name must end in .md or .html)")
    parts[-1] = parts[-1][: -len(suffix)]
    if len(parts) > 1 and LOCALE_FOLDER.match(parts[0]):
        locale = parts[0].lower()
        parts = parts[1:] if locale == settings.WIKI_DEFAULT_LOCALE else [locale, *parts[1:]]
    path = "/".join(parts)
    if not path or any(part in ("", ".", "..") for part in parts):
        raise WikiJsError(f"cannot make a page path from {relative_path!r}")
    return path


def file_name(path, editor="markdown"):
    """The file a page is stored in: its path plus ``.md`` or ``.html``."""
    return path + (".html" if editor in HTML_EDITORS else ".md")


def parse(text, *, path, html=False):
    """Parse the text of one Wiki.js page file (``html``: an ``.html`` file) into a WikiJsPage."""
    text = text.removeprefix("\ufeff")
    meta_text, body = _split_html(text) if html else _split(text)
    meta = _read_meta(meta_text)
    title = _read_text(meta, "title")
    if not title.strip():
        raise WikiJsError("the front matter has no title")
    return WikiJsPage(
        path=path,
        title=title,
        body=body,
        description=_read_text(meta, "description"),
        published=_read_bool(meta.get("published", "true"), "published"),
        tags=_read_tags(meta.get("tags", "")),
        updated_at=_read_date(meta.get("date", ""), "date"),
        created_at=_read_date(meta.get("dateCreated", ""), "dateCreated"),
        editor=_read_text(meta, "editor").strip() or ("ckeditor" if html else "markdown"),
    )


def _split(text):
    """Split a file into its front-matter text and its body, keeping the body's bytes exactly."""
    lines = text.splitlines(keepends=True)
    if not lines or lines[0].rstrip("\r\n") != FENCE:
        raise WikiJsError("no front matter: the file must start with a '---' line")
    closing = next(
        (i for i, line in enumerate(lines) if i and line.rstrip("\r\n") == FENCE), None
    )
    if closing is None:
        raise WikiJsError("the front matter is never closed by a '---' line")
    meta_text = "".join(lines[1:closing])
    body = "".join(lines[closing + 1 :])
    # Wiki.js puts one blank line between the block and the body; serialise() writes it back.
    if body.startswith("\r\n"):
        body = body[2:]
    elif body.startswith("\n"):
        body = body[1:]
    return meta_text, body


def _split_html(text):
    """An ``.html`` page: metadata in a leading ``<!-- ... -->`` comment, then the body."""
    lines = text.splitlines(keepends=True)
    if not lines or lines[0].rstrip("\r\n") != HTML_OPEN:
        raise WikiJsError("no metadata: an .html page must start with a '<!--' line")
    closing = next(
        (i for i, line in enumerate(lines) if i and line.rstrip("\r\n") == HTML_CLOSE), None
    )
    if closing is None:
        raise WikiJsError("the metadata comment is never closed by a '-->' line")
    body = "".join(lines[closing + 1 :])
    for newline in ("\r\n", "\n"):
        if body.startswith(newline):
            body = body[len(newline):]
            break
    return "".join(lines[1:closing]), body


# libyaml's loader where PyYAML was built with it: the same reading, about ten times faster (the
# front matter was a fifth of an import's own time).
_LOADER = getattr(yaml, "CBaseLoader", yaml.BaseLoader)


def _read_meta(meta_text):
    """Front matter as a dict of strings (or lists of strings, for tags)."""
    if len(meta_text) > MAX_META_CHARS:
        raise WikiJsError(f"the front matter is longer than {MAX_META_CHARS // 1024} KB")
    if _uses_aliases(meta_text):
        raise WikiJsError(
            "the front matter uses YAML anchors or aliases (& and *), which Wiki.js never "
            "writes and which can expand without bound; write the values out"
        )
    try:
        # BaseLoader keeps every scalar a string, so a title "yes" or "1.0" stays as written.
        meta = yaml.load(meta_text, Loader=_LOADER)  # noqa: S506 (BaseLoader builds no objects)
    except yaml.YAMLError:
        return _read_meta_lines(meta_text)
    if meta is None:
        return {}
    if not isinstance(meta, dict):
        raise WikiJsError("the front matter is not a list of 'key: value' lines")
    return {str(key): value for key, value in meta.items()}


def _uses_aliases(meta_text):
    """True when the YAML has anchors or aliases; read as events, so nothing is expanded."""
    try:
        for event in yaml.parse(meta_text, Loader=_LOADER):  # noqa: S506 (events only)
            if isinstance(event, yaml.AliasEvent) or getattr(event, "anchor", None):
                return True
    except yaml.YAMLError:
        return False  # not YAML: the line parser reads it, and it expands nothing
    return False


def _read_meta_lines(meta_text):
    """The fallback for front matter that is not YAML: ``key: value``, split on the first ": "."""
    meta = {}
    for number, line in enumerate(meta_text.splitlines(), start=2):
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        key, separator, value = line.partition(":")
        if not separator or not key.strip() or (value and not value.startswith((" ", "\t"))):
            raise WikiJsError(f"front matter line {number} is not 'key: value': {line[:60]!r}")
        meta[key.strip()] = value.strip()
    return meta


def _read_text(meta, key):
    value = meta.get(key, "")
    if not isinstance(value, str):
        raise WikiJsError(f"{key} must be plain text")
    return value


def _read_bool(value, key):
    word = str(value).strip().lower()
    if word in TRUE_WORDS or word == "":
        return True
    if word in FALSE_WORDS:
        return False
    raise WikiJsError(f"{key} must be true or false, not {str(value)[:40]!r}")


def _read_tags(value):
    if isinstance(value, list):
        names = value
    elif isinstance(value, str):
        names = value.split(",")
    else:
        raise WikiJsError("tags must be names separated by ', '")
    if not all(isinstance(name, str) for name in names):
        raise WikiJsError("tags must be names separated by ', '")
    return [name.strip() for name in names if name.strip()]


def _read_date(value, key):
    if not isinstance(value, str):
        raise WikiJsError(f"{key} must be an ISO 8601 date")
    text = value.strip()
    if not text:
        return None
    try:
        moment = datetime.fromisoformat(text)
    except ValueError:
        raise WikiJsError(f"{key} is not an ISO 8601 date: {text[:40]!r}") from None
    # Wiki.js always writes UTC; a date without a zone is read as UTC too.
    return moment.replace(tzinfo=UTC) if moment.tzinfo is None else moment.astimezone(UTC)


# --- Writing ---------------------------------------------------------------------------------


def serialise(page):
    """The text of the Wiki.js file for ``page`` (a ``WikiJsPage``): front matter for a
    markdown page, a leading comment for an HTML one, as Wiki.js writes them."""
    values = {
        "title": page.title,
        "description": page.description,
        "published": "true" if page.published else "false",
        "date": format_date(page.updated_at),
        "tags": ", ".join(page.tags),
        "editor": page.editor or "markdown",
        "dateCreated": format_date(page.created_at),
    }
    lines = [f"{key}: {_yaml_value(key, values[key])}" for key in KEYS]
    opening, closing = (HTML_OPEN, HTML_CLOSE) if page.is_html else (FENCE, FENCE)
    return f"{opening}\n" + "\n".join(lines) + f"\n{closing}\n\n" + page.body


def format_date(moment):
    """ISO 8601 in UTC with milliseconds and ``Z``, as Wiki.js writes it.

    A time with sub-millisecond precision (saved on this site, not imported) keeps its
    microseconds, so export → import gives back exactly the same time.
    """
    if moment is None:
        return ""
    moment = moment.astimezone(UTC)
    timespec = "milliseconds" if moment.microsecond % 1000 == 0 else "microseconds"
    return moment.replace(tzinfo=None).isoformat(timespec=timespec) + "Z"


def _yaml_value(key, value):
    """Write ``value`` as Wiki.js does (unquoted) unless YAML would then read it differently."""
    if "\n" not in value and "\r" not in value and value == value.strip():
        try:
            if yaml.load(f"{key}: {value}", Loader=yaml.BaseLoader) == {key: value}:  # noqa: S506
                return value
        except yaml.YAMLError:
            pass
    return _double_quoted(value)


def _double_quoted(value):
    escaped = value.replace("\\", "\\\\").replace('"', '\\"')
    escaped = re.sub(r"[\x00-\x1f\x7f\u2028\u2029\ufeff]", lambda m: f"\\u{ord(m[0]):04x}", escaped)
    return f'"{escaped}"'
