"""What the audit's tests look for: writes in captured SQL, and executable markup in a response."""

import re
from contextlib import contextmanager
from html.parser import HTMLParser
from xml.etree import ElementTree

from django.db import connection
from django.test.utils import CaptureQueriesContext

# Bookkeeping a GET may write: the session, last_login, how far someone has read a thread, when
# they were last here (activity).
BOOKKEEPING = ("django_session", "auth_user", "forum_threadread", "activity_visit")
_WRITE = re.compile(r'^\s*(INSERT\s+INTO|UPDATE|DELETE\s+FROM)\s+"?(\w+)"?', re.IGNORECASE)
_URL_ATTRS = {"href", "src", "action", "formaction", "xlink:href", "data", "poster", "srcdoc"}


def writes(queries, allowed=BOOKKEEPING):
    """The data-changing statements among captured queries, bookkeeping tables aside."""
    found = []
    for query in queries:
        match = _WRITE.match(query["sql"])
        if match and match.group(2).lower() not in allowed:
            found.append(query["sql"][:200])
    return found


@contextmanager
def capture():
    with CaptureQueriesContext(connection) as context:
        yield context


class _Scanner(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.problems, self._in_script = [], False

    def handle_starttag(self, tag, attrs):
        if tag == "script":
            self._in_script = True
        if tag in ("img", "iframe", "object", "embed") and any(
            (v or "").strip() == "x" for k, v in attrs if k == "src"
        ):
            self.problems.append(f"injected <{tag} src=x>")
        for name, value in attrs:
            value = re.sub(r"[\s\x00-\x1f]", "", value or "").lower()
            if name.startswith("on"):  # the site's own markup has no inline handlers
                self.problems.append(f"event handler {name}={value!r} on <{tag}>")
            if name in _URL_ATTRS and value.startswith(("javascript:", "vbscript:", "data:text")):
                self.problems.append(f"{name}={value!r} on <{tag}>")

    def handle_endtag(self, tag):
        if tag == "script":
            self._in_script = False

    def handle_data(self, data):
        if self._in_script and "xss" in data:
            self.problems.append(f"script with payload: {data[:80]!r}")


def executable(html):
    """Problems found in an HTML document or fragment: payload scripts, event handlers,
    javascript: URLs, injected <img src=x>."""
    scanner = _Scanner()
    scanner.feed(html)
    scanner.close()
    return scanner.problems


def response_problems(response):
    """Check a response by its type: HTML as HTML, feeds' html-typed text as HTML, JSON never
    served as HTML."""
    kind = response.get("Content-Type", "")
    if getattr(response, "streaming", False):
        # Uploaded files: bytes, never HTML (tests/files checks their headers and content).
        return ["a streamed file served as HTML"] if "html" in kind else []
    if kind.startswith(("text/csv", "application/vnd.")):
        # Spreadsheets (the examples' export): data to download, never rendered as a page.
        disposition = response.get("Content-Disposition", "")
        return [] if disposition.startswith("attachment") else ["a spreadsheet served inline"]
    body = response.content.decode("utf-8", "replace")
    if "json" in kind:
        return [] if "<script" not in body.lower() or "html" not in kind else ["JSON as HTML"]
    if "xml" in kind:
        problems = []
        # Our own feed, not untrusted XML.
        for element in ElementTree.fromstring(response.content).iter():  # noqa: S314
            if element.get("type") == "html" and element.text:
                problems += executable(element.text)
        return problems
    return executable(body)
