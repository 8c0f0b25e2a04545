"""Lists written the CommonMark way (Wiki.js, GitHub), read the same by Python-Markdown.

CommonMark nests a list item under another when it is indented to the parent's text column (two
spaces under "- ", three under "1. "); Python-Markdown wants four spaces per level. Imported pages
are written the CommonMark way, so ``normalise_list_indents`` re-indents list items and their
continuation lines, leaving fenced code and everything outside lists as it is.

CommonMark also numbers a list ``1)`` as well as ``1.``; Python-Markdown knows only the dot.
``ParenthesisListExtension`` brings in that much of pymdownx.fancylists.
"""

import re
from dataclasses import dataclass

from markdown.extensions import Extension
from pymdownx.fancylists import FancyListTreeprocessor, FancyOListProcessor, FancyUListProcessor

_MARKER = re.compile(r"( *)([-*+]|\d{1,9}[.)])( {1,4}(?=\S)|[ ]*$)")
_FENCE = re.compile(r"^ *(```|~~~)")
TAB = 4


@dataclass
class _Item:
    content_column: int  # where the item's text starts, as written
    indent: int  # where its marker goes, for Python-Markdown


def normalise_list_indents(text):
    """Return ``text`` with list items nested by four spaces per level, as Python-Markdown reads."""
    if not _MARKER.search(text):
        return text
    out, stack, fence, shift, previous_blank = [], [], None, 0, True
    for line in text.split("\n"):
        marker = _FENCE.match(line)
        if fence or marker:
            if fence is None:
                fence = marker.group(1)
                shift = _fence_shift(stack, len(line) - len(line.lstrip(" ")))
            elif marker and marker.group(1) == fence:
                fence = None
            out.append(_shifted(line, shift))
            previous_blank = False
            continue
        if not line.strip():
            out.append(line)
            previous_blank = True
            continue
        expanded = line.expandtabs(TAB) if line.startswith("\t") or line.startswith(" \t") else line
        indent = len(expanded) - len(expanded.lstrip(" "))
        item = _MARKER.match(expanded)
        if item and (stack or indent < TAB):
            while stack and indent < stack[-1].content_column:
                stack.pop()
            new_indent = stack[-1].indent + TAB if stack else 0
            content_column = indent + len(item.group(2)) + max(len(item.group(3)), 1)
            stack.append(_Item(content_column, new_indent))
            out.append(" " * new_indent + expanded.lstrip(" "))
        elif stack and indent >= stack[-1].content_column:
            top = stack[-1]
            new_indent = top.indent + TAB + indent - top.content_column
            out.append(" " * new_indent + expanded.lstrip(" "))
        else:
            if previous_blank:
                while stack and indent < stack[-1].content_column:
                    stack.pop()
            out.append(line)  # a lazy continuation line, or text after the list
        previous_blank = False
    return "\n".join(out)


def _fence_shift(stack, indent):
    """How far a fence inside a list item moves to sit where Python-Markdown expects it."""
    while stack and indent < stack[-1].content_column:
        stack.pop()
    if not stack:
        return 0
    return stack[-1].indent + TAB - stack[-1].content_column


def _shifted(line, shift):
    if not shift:
        return line
    lead = len(line) - len(line.lstrip(" "))
    return " " * max(lead + shift, 0) + line.lstrip(" ")


class ParenthesisListExtension(Extension):
    """Ordered lists numbered ``1)`` as well as ``1.``, as CommonMark (markdown-it) reads them.

    pymdownx.fancylists's list processors with none of its extra styles: no roman or alphabetic
    markers (markdown-it has none; "I. Introduction" stays a paragraph), and without its
    ``/// fancylists`` block syntax, which the whole extension would add and Wiki.js never had.
    They keep what sane_lists gave, which they replace: a list starts at its first number
    (``3)`` → ``<ol start="3">``), and a change of marker (``-``, ``1.``, ``1)``) starts a new list.
    Whether a list may interrupt a paragraph (only from 1) is decided before, in
    ``markup.wikijs.separate_blocks``.
    """

    CONFIG = {"additional_ordered_styles": [], "inject_style": False, "inject_class": False}

    def extendMarkdown(self, md):
        # The names and priorities of Python-Markdown's own list processors, which these replace.
        md.parser.blockprocessors.register(FancyOListProcessor(md.parser, self.CONFIG), "olist", 40)
        md.parser.blockprocessors.register(FancyUListProcessor(md.parser, self.CONFIG), "ulist", 30)
        md.treeprocessors.register(FancyListTreeprocessor(md), "olist-cleanup", 10)
