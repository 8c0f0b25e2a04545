"""Every template of ours can be served under the strict Content-Security-Policy: no ``style``
attribute, no ``<style>`` element, no inline ``<script>`` (a script with ``src`` or a JSON data
block is fine). Inline code would be blocked by the browser, so it must live in static files."""

import re
from pathlib import Path

from django.conf import settings

INLINE_STYLE = re.compile(r"""<[^>]*\sstyle\s*=|<style[\s>]""", re.IGNORECASE)
SCRIPT = re.compile(r"<script\b([^>]*)>", re.IGNORECASE)
DATA_BLOCK = re.compile(r"""type\s*=\s*["']?application/(ld\+)?json""", re.IGNORECASE)


def our_templates():
    base = Path(settings.BASE_DIR)
    for path in sorted(base.glob("**/templates/**/*.html")):
        if not {".venv", "var", "node_modules"} & set(path.relative_to(base).parts):
            yield path


def inline_problems(text):
    problems = [f"inline style: {m.group(0)[:60]!r}" for m in INLINE_STYLE.finditer(text)]
    for match in SCRIPT.finditer(text):
        attrs = match.group(1)
        if "src=" not in attrs.replace(" ", "") and not DATA_BLOCK.search(attrs):
            problems.append(f"inline script: {match.group(0)[:60]!r}")
    return problems


def test_the_check_finds_what_it_looks_for():
    assert inline_problems('<p style="color:red">') and inline_problems("<style>p{}</style>")
    assert inline_problems("<script>alert(1)</script>")
    assert not inline_problems('<script src="/static/js/site.js" defer></script>')
    assert not inline_problems('<script type="application/json">{}</script>')
    assert not inline_problems('<p class="x" data-style="y">')


def test_no_template_has_inline_style_or_script():
    templates = list(our_templates())
    assert len(templates) > 50
    problems = {
        str(path.relative_to(settings.BASE_DIR)): found
        for path in templates
        if (found := inline_problems(path.read_text()))
    }
    assert problems == {}
