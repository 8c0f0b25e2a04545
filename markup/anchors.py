"""Scope a rendered text's own anchors (heading ids, footnotes) with a prefix, so several texts
can share one page: two forum posts with a footnote each would otherwise both have ``fn:1``, and
the second one's link would jump to the first one's note.

Works on the sanitiser's output only: tags there are well-formed and text never contains a raw
``<``, so a tag pattern never matches inside text (where ``id="x"`` may appear, in code).
"""

import re

_TAG = re.compile(r"<[a-z][a-z0-9]*\s[^<>]*>")
_ID = re.compile(r'(\sid=")([^"]*)(")')
_FRAGMENT = re.compile(r'(\shref="#)([^"]*)(")')


def scope_ids(html, prefix):
    """Prefix every ``id`` and every ``href="#…"`` pointing at one of those ids."""
    if not prefix:
        return html
    ids = {match.group(2) for tag in _TAG.findall(html) for match in _ID.finditer(tag)}
    if not ids:
        return html

    def scope_tag(tag_match):
        tag = _ID.sub(lambda m: f"{m.group(1)}{prefix}{m.group(2)}{m.group(3)}", tag_match.group())
        return _FRAGMENT.sub(
            lambda m: f"{m.group(1)}{prefix}{m.group(2)}{m.group(3)}" if m.group(2) in ids
            else m.group(),
            tag,
        )

    return _TAG.sub(scope_tag, html)
