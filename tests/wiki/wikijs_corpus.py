"""A generated Wiki.js storage folder, as messy as real ones: front matter in every form Wiki.js
and people's editors leave (quoted and unquoted, tags as a list, CRLF, a BOM, missing keys),
paths with capitals and every character Wiki.js allows, locale folders, HTML pages, each markdown
construct Wiki.js renders, a page whose embedded diagram outweighs the body limit, and the bad
files a disk can hold. Written here; nothing is copied from a real wiki."""

import base64
import os

FRONT = (
    "---\ntitle: {title}\ndescription: {description}\npublished: true\n"
    "date: 2024-12-10T18:54:09.678Z\ntags: {tags}\neditor: markdown\n"
    "dateCreated: 2024-11-29T13:41:41.766Z\n---\n\n"
)

CONSTRUCTS = """# Overview
Welcome to the **hub** guide.
Second line, kept as a line break.
- a list right after a paragraph line
- with a [link](/en/Design/Formulas) in the default locale
- and one to [a missing page](/en/nowhere/at-all)

> Check the schedule before you travel.
{.is-info}

> Bring cash: some places take no cards.
{.is-warning}

> Visas take time.
{.is-danger}

> Booked!
{.is-success}

| Place | Beds |
|-------|------|
| Hub   | 12   |

Plain link: https://example.org/guide and www.example.com.
:briefcase: :tent: ~~old~~ ==new== H~2~O x^2^

- [x] book the room
- [ ] pack

1. Install:
   ```bash
   [[ -d ~/hub ]] || mkdir ~/hub
   ```
2. Run it

Before you go:
1) Pack
2) Travel
   - by train
   - by bus

Pick (1) a bed or (2) a tent.

# Tabs {.tabset}
## Linux
Use apt.
## macOS
Use brew.

# 1st steps
## Details
<details>
<summary>Read more</summary>

Inside **details**.

</details>

<video src="https://example.org/tour.mp4" controls></video>

![Map](/uploads/map.png =600x)

```mermaid
graph TD
  Arrive --> Settle
```

```plantuml
@startuml
Alice -> Bob: hi
@enduml
```

# Details
Same heading again.
"""

SVG = (
    '<svg xmlns="http://www.w3.org/2000/svg" width="120" height="60" content="{mx}">'
    '<rect x="5" y="5" width="110" height="50" fill="#e2f1ec" stroke="#1f6f5c"/>'
    '<text x="60" y="36" text-anchor="middle">Hub</text></svg>'
)


def drawio_fence(padding=0):
    """A ```diagram fence of a draw.io SVG, its model padded to make the data big."""
    svg = SVG.format(mx="&lt;mxfile&gt;" + "A" * padding + "&lt;/mxfile&gt;")
    return "```diagram\n" + base64.b64encode(svg.encode()).decode() + "\n```\n"


GOOD = {
    # Paths as Wiki.js has them: capitals, &, +, ., a leading _, spaces, non-ASCII.
    "home.md": FRONT.format(title="Home", description="Start here", tags="start")
    + "Read the [guide](/Guides/Hub-Guide) and [formulas](/design/formulas).\n",
    "Design/Formulas.md": FRONT.format(title="Formulas", description="", tags="")
    + "E = mc^2^\n",
    "R&D/C++ and Rust.md": FRONT.format(title="C++ and Rust", description="", tags="code")
    + "Both.\n",
    "_drafts/v1.2 notes.md": FRONT.format(title="v1.2 notes", description="", tags="")
    + "Draft.\n",
    "Café/Über uns.md": FRONT.format(title="Über uns", description="Wer wir sind", tags="")
    + "Hallo.\n",
    "Guides/Hub-Guide.md": FRONT.format(
        title="Hub guide: the basics", description="Everything", tags="hubs, guides")
    + CONSTRUCTS,
    # Locales: the default's folder, and translations under their own.
    "en/product/about.md": FRONT.format(title="About", description="", tags="") + "About us.\n",
    "ja/product/about.md": FRONT.format(title="概要", description="", tags="")
    + "私たちについて。\n",
    "pt-br/product/about.md": FRONT.format(title="Sobre", description="", tags="")
    + "Sobre nós.\n",
    # Front matter variants: quoted values, tags as a YAML list, keys missing, a BOM, CRLF.
    "variants/quoted.md": '---\ntitle: "Pop-ups: a guide"\ndescription: \'It\'\'s short\'\n'
    "published: 'true'\ntags: [pop-ups, guides]\n---\n\nQuoted.\n",
    "variants/minimal.md": "---\ntitle: Minimal\n---\nNo blank line after the front matter.\n",
    "variants/unpublished.md": "---\ntitle: Hidden\npublished: false\n---\n\nDraft.\n",
    "variants/bom.md": "\ufeff" + FRONT.format(title="BOM", description="", tags="") + "Bom.\n",
    "variants/crlf.md": FRONT.format(title="CRLF", description="", tags="").replace("\n", "\r\n")
    + "Line one\r\nLine two\r\n",
    # HTML pages: Wiki.js's visual editor (ckeditor) and code editor write .html files.
    "html/visual.html": "<!--\ntitle: Visual page\ndescription: \npublished: true\n"
    "date: 2024-12-10T18:54:09.678Z\ntags: \neditor: ckeditor\n"
    "dateCreated: 2024-11-29T13:41:41.766Z\n-->\n\n"
    '<h2>From the visual editor</h2><p>A <a href="/en/home">link home</a>.</p>'
    '<p onclick="alert(1)">x<script>alert(1)</script></p>\n',
    "html/code.html": "<!--\ntitle: Code page\neditor: code\n-->\n\n"
    "<blockquote class=\"is-info\"><p>Raw HTML</p></blockquote>\n",
    # Embedded diagram data far over the body limit; the text itself is small.
    "diagrams/big.md": FRONT.format(title="Big diagram", description="", tags="")
    + "The flow:\n\n" + drawio_fence(padding=260_000),
}

ALIAS_BOMB = "---\ntitle: Bomb\n" + "a0: &a0 [x, x, x, x, x, x, x, x, x]\n" + "".join(
    f"a{i}: &a{i} [*a{i-1}, *a{i-1}, *a{i-1}, *a{i-1}, *a{i-1}, *a{i-1}, *a{i-1}, *a{i-1}]\n"
    for i in range(1, 9)
) + "published: *a8\n---\n\nBoom.\n"

BAD = {
    "bad/no-front-matter.md": ("# Just markdown\n", "no front matter"),
    "bad/alias-bomb.md": (ALIAS_BOMB, "anchors or aliases"),
    "bad/Bad:Path.md": (FRONT.format(title="Colon", description="", tags=""), "not a valid path"),
    "bad/bad-date.md": ("---\ntitle: Date\ndate: yesterday\n---\n\nx\n", "ISO 8601"),
}


def write_corpus(folder, *, with_special_files=True):
    """Write the corpus under ``folder``; returns {relative file: expected reason} of bad ones."""
    for relative, text in GOOD.items():
        _write(folder / relative, text.encode("utf-8"))
    expected = {}
    for relative, (text, reason) in BAD.items():
        _write(folder / relative, text.encode("utf-8"))
        expected[relative] = reason
    _write(folder / "bad/latin.md", "---\ntitle: Café\n---\n".encode("latin-1"))
    expected["bad/latin.md"] = "not UTF-8"
    if with_special_files:
        os.mkfifo(folder / "bad/x.md")
        expected["bad/x.md"] = "not a regular file"
        os.symlink("loop-b.md", folder / "bad/loop-a.md")
        os.symlink("loop-a.md", folder / "bad/loop-b.md")
        expected["bad/loop-a.md"] = expected["bad/loop-b.md"] = "symbolic link loop"
        os.symlink(folder / "bad", folder / "bad/folder-loop")  # never followed
    (folder / "notes.txt").write_text("not a page")
    (folder / ".git").mkdir()
    (folder / ".git/HEAD.md").write_text("never read")
    return expected


def _write(path, data):
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
