"""Markdown as Wiki.js renders it (markdown-it: CommonMark, breaks on, linkify, and its plugins).

pymdown-extensions and Python-Markdown's own extensions do most of it (see ``pipeline.py``);
this module adds what none of them does, each piece small:

- ``separate_blocks``: CommonMark lets a list, a table or a fence start right after a paragraph
  line (markdown-it's table also ends at the first line without a pipe); Python-Markdown wants
  blank lines around them, so they are inserted (outside fenced code, inside quotes too).
- image sizes ``![alt](x.png =600x)`` (markdown-it-imsize) become ``{width="600"}`` attributes.
- ``<details>`` written as HTML gets ``markdown="1"``, so the markdown inside it renders.
- callouts: ``> text`` followed by ``{.is-info}`` puts the class on the blockquote (and a
  ``{.links-list}`` under a list on the list).
- tabsets: a heading with ``{.tabset}`` turns the headings one level below it into tabs, each a
  ``<details>`` (usable without JavaScript; ``static/markup/tabsets.js`` makes them real tabs).
- heading ids as Wiki.js makes them (its html-core renderer): uslug of the text, ``h-`` before a
  leading digit, ``-1``, ``-2``... after repeats, an explicit ``{#id}`` kept.
- task list checkboxes become symbols (the sanitiser never lets an ``<input>`` through).
"""

import functools
import html
import re
import unicodedata
import xml.etree.ElementTree as etree

from markdown.extensions import Extension
from markdown.extensions.toc import render_inner_html, strip_tags
from markdown.preprocessors import Preprocessor
from markdown.treeprocessors import Treeprocessor
from pymdownx.emoji import gemoji

from .sanitiser import RESERVED_IDS

CALLOUT_CLASSES = ("is-info", "is-success", "is-warning", "is-danger")
_INDENTED_FENCE = re.compile(r"^\s*(`{3,}|~{3,})")
_LIST_ITEM = re.compile(r"^ {0,3}(?:[-*+]|1[.)])[ \t]+\S")
_ANY_LIST_ITEM = re.compile(r"^\s*(?:[-*+]|\d{1,9}[.)])(?:[ \t]|$)")
_TABLE_ROW = re.compile(r"^ {0,3}\|")
# A table's delimiter row as markdown-it reads it: pipes, dashes, colons and spaces only.
_DELIMITER_ROW = re.compile(r"^ {0,3}[|:-][|:\- \t]*$")
_DELIMITER_CELL = re.compile(r":?-+:?\Z")
_UNESCAPED_PIPE = re.compile(r"(?<!\\)\|")
_QUOTE_MARKER = re.compile(r"^ {0,3}> ?")
# A line of attributes alone: {.class #id key=value ...} (what attr_list reads, nothing else).
_ATTRIBUTE = r"""(?:[.#][\w-]+|[\w-]+=(?:"[^"\n]*"|'[^'\n]*'|[^\s}]+))"""
_ATTRIBUTES_ALONE = re.compile(rf"\{{:?[ ]*({_ATTRIBUTE}(?:[ ]+{_ATTRIBUTE})*)[ ]*\}}")
_HEADING = re.compile(r"^ {0,3}#{1,6}(?:[ \t]|$)")
_QUOTE = re.compile(r"^ {0,3}>")
# ![alt](url =600x400), =600x or =x400, as markdown-it-imsize reads them.
_IMAGE_SIZE = re.compile(
    r"(!\[[^\]\n]{0,1000}\]\(\s*<?[^\s()<>]{1,2000}>?)\s+=(\d{1,5})?x(\d{1,5})?\s*\)"
)
_DETAILS = re.compile(r"^(\s*)<details(?![^>]*\bmarkdown=)(\s[^>]*)?>", re.IGNORECASE)
_CHECKBOX = re.compile(r'<input type="checkbox" disabled( checked)?\s*/?>')


def separate_blocks(text):
    """Insert the blank lines CommonMark does not need but Python-Markdown does: before a list,
    a table or a fence that follows a paragraph line directly, and after a table that a line
    without a pipe ends; the same inside block quotes. Fenced code is left alone."""
    return "\n".join(_separate(text.split("\n"))[0])


def _separate(lines):
    """``separate_blocks`` on lines: (the lines separated, whether they end in a table)."""
    out, fence, previous, closed, in_quote, in_table = [], None, "", False, False, False
    index = 0
    while index < len(lines):
        line = lines[index]
        index += 1
        if fence:
            closing = _INDENTED_FENCE.match(line)
            if closing and closing.group(1)[0] == fence[0] and len(closing.group(1)) >= len(fence):
                fence, closed = None, True
            out.append(line)
            previous = line
            continue
        if in_table:
            if "|" in line and line.strip():
                out.append(line)  # a row: markdown-it's table goes on while lines have a pipe
                previous = line
                continue
            in_table = False
            if line.strip():
                out.append("")  # a line without a pipe ends the table and starts a new block
        if _QUOTE.match(line) and not _QUOTE.match(previous):
            # The quote's own lines, separated as a page's are (a list or table inside it).
            end = index
            while end < len(lines) and _QUOTE.match(lines[end]):
                end += 1
            quoted, ends_in_table = _in_quote(lines[index - 1:end])
            if ends_in_table and end < len(lines) and lines[end].strip():
                quoted.append("")  # a table takes no lazy line: the quote ends with it
            lines[index - 1:end] = quoted
            line = lines[index - 1]
        if closed and line.strip():
            out.append("")  # a fence ends its block; what follows starts a new one
        closed = False
        if _QUOTE.match(line) and not previous.strip() and in_quote:
            # A blank line ends a quote in CommonMark; Python-Markdown would merge the next one
            # into it (two callouts in a row would become one). An empty comment keeps them apart.
            out.extend(["<!-- -->", ""])
        if _QUOTE.match(line):
            in_quote = True
        elif line.strip() and (not previous.strip() or _starts_other_block(line)):
            in_quote = False
        opening = _INDENTED_FENCE.match(line)
        table = _starts_table(line, lines[index] if index < len(lines) else "")
        starts_block = opening or _LIST_ITEM.match(line) or table
        if starts_block and _is_paragraph_line(previous) or (
            opening and line[:1] == " " and _ANY_LIST_ITEM.match(previous)
        ):
            # A fence right under a list item's text belongs to the item (CommonMark).
            out.append("")
        if opening:
            fence = opening.group(1)
        if table:
            # The delimiter row is the table's too, whatever else it looks like.
            out.extend([line, lines[index]])
            previous = lines[index]
            index += 1
            in_table = True
            continue
        out.append(line)
        previous = line
    return out, in_table


def _in_quote(lines):
    """Quote lines (``> ...``) with their content separated as a page's is: (the lines, whether
    they end in a table)."""
    inner, in_table = _separate([_QUOTE_MARKER.sub("", line, count=1) for line in lines])
    return [f"> {line}" if line else ">" for line in inner], in_table


def _starts_table(line, following):
    """True when ``line`` is a table's header row in markdown-it's reading: it has a pipe, and
    the line after it is a delimiter row (``|---|:--:|``) with at least as many columns."""
    if "|" not in line or line.startswith(("    ", "\t")) or not _DELIMITER_ROW.match(following):
        return False
    cells = following.strip().split("|")
    if not cells[0].strip():
        cells = cells[1:]
    if cells and not cells[-1].strip():
        cells = cells[:-1]
    if not cells or not all(_DELIMITER_CELL.match(cell.strip()) for cell in cells):
        return False
    header = line.strip().removeprefix("|")
    header = header[:-1] if header.endswith("|") and not header.endswith("\\|") else header
    return len(_UNESCAPED_PIPE.split(header)) <= len(cells)


def _starts_other_block(line):
    return bool(_ANY_LIST_ITEM.match(line) or _HEADING.match(line) or _TABLE_ROW.match(line)
                or _INDENTED_FENCE.match(line))


def _is_paragraph_line(line):
    return bool(line.strip()) and not (
        _ANY_LIST_ITEM.match(line) or _HEADING.match(line) or _QUOTE.match(line)
        or line.startswith(("    ", "\t")) or line.lstrip().startswith("<")
    )


def image_sizes(text):
    """``![a](x.png =600x)`` → ``![a](x.png){width="600"}`` for attr_list."""

    def size(match):
        width, height = match.group(2), match.group(3)
        attrs = (f'width="{width}"' if width else "", f'height="{height}"' if height else "")
        joined = " ".join(a for a in attrs if a)
        return f"{match.group(1)})" + (f"{{{joined}}}" if joined else "")

    return _IMAGE_SIZE.sub(size, text) if "=" in text else text


class WikiJsPreprocessor(Preprocessor):
    """Block separation, image sizes and markdown inside ``<details>``, outside fenced code."""

    def run(self, lines):
        text = separate_blocks("\n".join(lines))
        out, fence = [], None
        for line in text.split("\n"):
            marker = _INDENTED_FENCE.match(line)
            if marker and (fence is None or marker.group(1)[0] == fence[0]):
                fence = None if fence else marker.group(1)
            elif fence is None:
                line = _DETAILS.sub(_markdown_inside, image_sizes(line))
            out.append(line)
        return out


def _markdown_inside(match):
    return f'{match.group(1)}<details markdown="1"{match.group(2) or ""}>'


class BlockAttributeTreeprocessor(Treeprocessor):
    """A ``{...}`` line under a quote or a list belongs to the quote or list (markdown-it-attrs);
    attr_list gives it to the last paragraph or item. Move it up, and drop the line break that
    nl2br put before the ``{...}`` line."""

    CONTAINERS = {"blockquote": "p", "ul": "li", "ol": "li"}

    def run(self, root):
        for container in root.iter():
            inner = self.CONTAINERS.get(container.tag)
            if inner is None or len(container) == 0 or container[-1].tag != inner:
                continue
            last = container[-1]
            # pymdownx.tasklist (which runs first) marks items itself; that class stays put.
            own = [c for c in last.get("class", "").split() if c == "task-list-item"]
            written = " ".join(c for c in last.get("class", "").split() if c not in own)
            last.attrib.pop("class", None)
            if own:
                last.set("class", " ".join(own))
            moved = {"class": written} if written else {}
            if "id" in last.attrib and not last.get("id").startswith("fn"):  # footnotes keep theirs
                moved["id"] = last.attrib.pop("id")
            if moved.get("class") and container.tag == "blockquote" and not any(
                c in CALLOUT_CLASSES for c in moved["class"].split()
            ):
                last.attrib.update(moved)  # an ordinary class on a quote's paragraph stays there
                continue
            if "class" in moved and container.get("class"):
                moved["class"] = f'{container.get("class")} {moved["class"]}'
            container.attrib.update(moved)
        for block in root.iter():
            if block.tag in ("p", "li") and len(block) and block[-1].tag == "br" and not (
                block[-1].tail or ""
            ).strip():
                block.remove(block[-1])
        self._attributes_alone(root)

    def _attributes_alone(self, root):
        """A paragraph of nothing but ``{...}`` attributes: markdown-it-attrs gives them to a
        table right before it (attr_list cannot) and leaves an empty paragraph otherwise."""
        for parent in list(root.iter()):
            for index in range(len(parent) - 1, -1, -1):
                block = parent[index]
                match = block.tag == "p" and not len(block) and _ATTRIBUTES_ALONE.fullmatch(
                    (block.text or "").strip())
                if not match:
                    continue
                if index and parent[index - 1].tag == "table":
                    self.md.treeprocessors["attr_list"].assign_attrs(parent[index - 1],
                                                                     match.group(1))
                parent.remove(block)


class TabsetTreeprocessor(Treeprocessor):
    """A heading with class ``tabset``: each heading one level below it, up to the next heading
    at its level or above, becomes a tab; the tabset heading itself is not shown (as in Wiki.js).
    """

    HEADINGS = {f"h{n}": n for n in range(1, 7)}

    def run(self, root):
        self.count = 0
        self._walk(root)

    def _walk(self, parent):
        index = 0
        while index < len(parent):
            child = parent[index]
            level = self.HEADINGS.get(child.tag)
            if level and "tabset" in child.get("class", "").split():
                self._build(parent, index, level)
            else:
                self._walk(child)
            index += 1

    def _build(self, parent, index, level):
        self.count += 1
        tabset = etree.Element("div", {"class": "tabset"})
        tab = panel = None
        while index + 1 < len(parent):
            node = parent[index + 1]
            node_level = self.HEADINGS.get(node.tag)
            if node_level and node_level <= level:
                break
            parent.remove(node)
            if node_level == level + 1:
                tab = etree.SubElement(tabset, "details", {
                    "class": "tabset__tab", "name": f"tabset-{self.count}"})
                if len(tabset) == 1:
                    tab.set("open", "open")
                summary = etree.SubElement(tab, "summary")
                summary.text, summary.tail = node.text, None
                for inline in list(node):
                    summary.append(inline)
                panel = etree.SubElement(tab, "div", {"class": "tabset__panel"})
            elif panel is not None:
                panel.append(node)
            else:
                tabset.append(node)  # text before the first tab stays above the tabs
        parent[index] = tabset


def uslug(text):
    """Wiki.js's heading slug (the uslug package): letters, digits, marks, ``-_~`` kept,
    whitespace runs to ``-``, lowercase."""
    kept = []
    for char in unicodedata.normalize("NFKC", text):
        category = unicodedata.category(char)
        if char in "-_~" or category[0] in "LN" or category in ("Mn", "Mc"):
            kept.append(char)
        elif category[0] == "Z" or char.isspace():
            kept.append(" ")
    return re.sub(r"\s+", "-", "".join(kept).strip()).lower()


class HeadingIdTreeprocessor(Treeprocessor):
    """Ids on headings as Wiki.js gives them, so copied ``#anchor`` links keep working. Runs
    before toc, which keeps any id already set."""

    def run(self, root):
        used = set()
        for heading in root.iter():
            if heading.tag not in TabsetTreeprocessor.HEADINGS:
                continue
            if heading.get("id"):
                used.add(heading.get("id"))
                continue
            text = strip_tags(render_inner_html(heading, self.md))
            slug = uslug(html.unescape(text)) or "section"
            if slug[0].isdigit():
                slug = f"h-{slug}"
            if slug in RESERVED_IDS:
                slug = f"{slug}-section"
            unique, number = slug, 0
            while unique in used:
                number += 1
                unique = f"{slug}-{number}"
            used.add(unique)
            heading.set("id", unique)


@functools.cache
def _gemoji():
    return gemoji(None, None)


def emoji_index(options, md):
    """GitHub's shortcodes (markdown-it-emoji's), built once: pymdownx copies its index for every
    Markdown instance otherwise, which costs more than rendering a page."""
    return _gemoji()


def checkboxes_as_symbols(raw_html):
    """pymdownx.tasklist's disabled checkboxes → ☑/☐ with a text alternative."""

    def symbol(match):
        done = bool(match.group(1))
        label = "done" if done else "not done"
        return f'<span class="task-list-check" title="{label}">{"☑" if done else "☐"}</span>'

    return _CHECKBOX.sub(symbol, raw_html)


class WikiJsExtension(Extension):
    def extendMarkdown(self, md):
        md.preprocessors.register(WikiJsPreprocessor(md), "wikijs", 27)
        # attr_list is at 8 and toc at 5: callouts and tabsets read the classes attr_list set,
        # and heading ids are set before toc would invent its own.
        md.treeprocessors.register(BlockAttributeTreeprocessor(md), "wikijs_block_attrs", 7.5)
        md.treeprocessors.register(TabsetTreeprocessor(md), "wikijs_tabsets", 7)
        md.treeprocessors.register(HeadingIdTreeprocessor(md), "wikijs_heading_ids", 6)
