"""Explicit wiring (issue 18): the taxonomy never reaches the forum, neither by import, nor
``apps.get_model``, nor a template or URL name; it shows discussions through ``discussions``
and ``taxonomy.contributions``, where the forum registers itself."""

import re
from pathlib import Path

import discussions
from markup import targets
from taxonomy import contributions

ROOT = Path(__file__).resolve().parents[2]
REACHES_FORUM = re.compile(
    r"""(^\s*(from|import)\s+forum\b)|get_model\(\s*["']forum|["']forum[/:]|css/forum""", re.M)


def sources(app):
    for path in sorted((ROOT / app).rglob("*")):
        if path.suffix in {".py", ".html"} and "migrations" not in path.parts:
            yield path


def test_the_taxonomy_never_reaches_the_forum():
    offenders = [str(p.relative_to(ROOT)) for p in sources("taxonomy")
                 if REACHES_FORUM.search(p.read_text())]
    assert offenders == []


def test_markup_and_discussions_import_no_app():
    app = re.compile(r"^\s*(from|import)\s+(wiki|taxonomy|forum)\b", re.M)
    for package in ("markup", "discussions"):
        assert [p for p in sources(package) if app.search(p.read_text())] == []


def test_apps_register_what_they_contribute():
    assert {"node", "example", "page"} <= {k for k in ["node", "example", "page"]
                                           if discussions.subject(k)}
    assert discussions.host() is not None
    assert [s.key for s in contributions.sections("discussion")][:1] == ["discussion"]
    assert "thread_count" in contributions._node_counts
    assert {"wiki.pages", "taxonomy.concepts"} <= set(targets._providers)
