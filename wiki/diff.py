"""Line diffs between two texts, with the changed words marked inside changed lines.

The result is plain data (lines made of (mark, text) parts) that the template escapes as it
prints, so no HTML is ever built from page text here.
"""

import re
from dataclasses import dataclass, field
from difflib import SequenceMatcher

_TOKEN = re.compile(r"\s+|\w+|[^\w\s]", re.UNICODE)


@dataclass
class DiffLine:
    kind: str  # "same", "del", "ins" or "gap" (unchanged lines left out)
    old_number: int | None = None
    new_number: int | None = None
    parts: list = field(default_factory=list)  # [(mark, text)], mark "" / "del" / "ins"
    skipped: int = 0  # for a gap: how many unchanged lines it stands for


def diff_texts(old, new, context=3):
    """The lines that differ between ``old`` and ``new``, with ``context`` unchanged lines
    around each change."""
    a, b = old.splitlines(), new.splitlines()
    lines = []
    opcodes = SequenceMatcher(None, a, b).get_opcodes()
    for index, (tag, i1, i2, j1, j2) in enumerate(opcodes):
        if tag == "equal":
            first, last = index == 0, index == len(opcodes) - 1
            lines.extend(_context(a, i1, i2, j1, context, first, last))
            continue
        dels, inss = list(range(i1, i2)), list(range(j1, j2))
        if tag == "replace":
            paired = min(len(dels), len(inss))
            for i, j in zip(dels[:paired], inss[:paired], strict=True):
                old_parts, new_parts = _word_diff(a[i], b[j])
                lines.append(DiffLine("del", old_number=i + 1, parts=old_parts))
                lines.append(DiffLine("ins", new_number=j + 1, parts=new_parts))
            dels, inss = dels[paired:], inss[paired:]
        lines += [DiffLine("del", old_number=i + 1, parts=[("", a[i])]) for i in dels]
        lines += [DiffLine("ins", new_number=j + 1, parts=[("", b[j])]) for j in inss]
    return lines


def _context(a, i1, i2, j1, context, first, last):
    """Unchanged lines: keep ``context`` next to each change, a gap for the rest."""
    head = 0 if first else context
    tail = 0 if last else context
    count = i2 - i1
    if count <= head + tail + 1:
        head, tail = count, 0

    def same(k):
        return DiffLine("same", i1 + k + 1, j1 + k + 1, [("", a[i1 + k])])

    result = [same(k) for k in range(head)]
    if head + tail < count:
        result.append(DiffLine("gap", skipped=count - head - tail))
    result += [same(k) for k in range(count - tail, count)]
    return result


def _word_diff(old_line, new_line):
    a, b = _TOKEN.findall(old_line), _TOKEN.findall(new_line)
    old_parts, new_parts = [], []
    for tag, i1, i2, j1, j2 in SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        if tag == "equal":
            old_parts.append(("", "".join(a[i1:i2])))
            new_parts.append(("", "".join(b[j1:j2])))
            continue
        if i2 > i1:
            old_parts.append(("del", "".join(a[i1:i2])))
        if j2 > j1:
            new_parts.append(("ins", "".join(b[j1:j2])))
    return old_parts, new_parts


def size_change(old, new):
    """Characters added (positive) or removed (negative)."""
    return len(new or "") - len(old or "")
