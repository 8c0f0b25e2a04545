"""Hostile markdown through the whole pipeline: nothing executable comes out, and it stays fast.

Output is checked PARSED (html.parser, as a browser would read tags, attributes and URLs), not by
searching strings.
"""

import re
import time
from html.parser import HTMLParser

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from markup import render_markdown
from markup.sanitiser import ALLOWED_TAGS

FORBIDDEN_TAGS = {
    "script", "style", "svg", "math", "iframe", "object", "embed", "form", "input", "button",
    "textarea", "select", "link", "meta", "base", "frame", "frameset", "noscript", "template",
    "applet", "xmp", "plaintext", "title", "noembed", "image", "body",
    "html", "head", "marquee", "portal", "dialog",
}
SAFE_ATTRIBUTES = {
    "href", "src", "alt", "title", "class", "id", "rel", "width", "height", "align", "colspan",
    "rowspan", "start", "cite",
    # Wiki.js constructs: <details open name>, <video>/<audio> players, <source type>.
    "open", "name", "controls", "loop", "muted", "preload", "poster", "type",
}
URL_ATTRIBUTES = {"href", "src", "cite", "poster"}
# The one data: URL let through: an image (draw.io diagrams, pasted images), which runs no script.
DATA_IMAGE = re.compile(r"data:image/(svg\+xml|png|jpeg|gif|webp);base64,[A-Za-z0-9+/=]+\Z")


def browser_scheme(url):
    """The scheme a browser reads: controls and spaces around are ignored, tabs/newlines inside."""
    url = re.sub(r"[\t\n\r]", "", url).strip("".join(map(chr, range(0x21))))
    match = re.match(r"([A-Za-z][A-Za-z0-9+.-]*):", url)
    return match.group(1).lower() if match else ""


class _Inspector(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.problems = []

    def handle_starttag(self, tag, attrs):
        if tag in FORBIDDEN_TAGS or tag not in ALLOWED_TAGS:
            self.problems.append(f"tag <{tag}>")
        for name, value in attrs:
            value = value or ""
            if name.startswith("on") or name not in SAFE_ATTRIBUTES:
                self.problems.append(f"attribute {name}= on <{tag}>")
            if tag == "img" and name == "src" and DATA_IMAGE.match(value):
                continue
            if name in URL_ATTRIBUTES:
                allowed = {"", "http", "https"} | ({"mailto"} if name == "href" else set())
                if browser_scheme(value) not in allowed:
                    self.problems.append(f"URL {value!r} in <{tag} {name}>")
            if name == "rel" and (tag != "a" or value != "nofollow noopener noreferrer"):
                self.problems.append(f"rel={value!r} on <{tag}>")

    handle_startendtag = handle_starttag

    def handle_decl(self, decl):
        self.problems.append(f"declaration {decl!r}")

    def handle_pi(self, data):
        self.problems.append(f"processing instruction {data!r}")

    def handle_comment(self, data):
        self.problems.append(f"comment {data!r}")


def assert_safe_html(html):
    inspector = _Inspector()
    inspector.feed(html)
    inspector.close()
    assert not inspector.problems, (inspector.problems, html[:2000])
    # Belt and braces: no attribute value starts with a script-capable scheme ("http://javascript:"
    # is a harmless host name that hypothesis found).
    without_images = re.sub(r'src="data:image/[a-z+]+;base64,[A-Za-z0-9+/=]+"', "", html)
    assert not re.search(
        r"""(?i)<[^>]*=\s*["']?\s*(javascript|vbscript|data)\s*:""", without_images
    ), html[:2000]


HOSTILE = {
    "script": "<script>alert(1)</script>",
    "script split": "<scr<script>ipt>alert(1)</script>",
    "script upper": "<SCRIPT SRC=//evil.example/x.js></SCRIPT>",
    "event attribute": '<p onclick="alert(1)" onmouseover=alert(1)>x</p>',
    "img onerror": "<img src=x onerror=alert(1)>",
    "img onerror quoted": '<img src="x" onerror="alert(1)">',
    "md link js": "[x](javascript:alert(1))",
    "md link js entity colon": "[x](javascript&#58;alert(1))",
    "md link js hex entity": "[x](&#x6A;avascript:alert(1))",
    "md link js decimal entities":
        "[x](&#106;&#97;&#118;&#97;&#115;&#99;&#114;&#105;&#112;&#116;:alert(1))",
    "md link js spaces case": "[x](  JaVaScRiPt:alert(1))",
    "md link js angle": "[x](<javascript:alert(1)>)",
    "md link js title": '[x](javascript:alert(1) "title")',
    "md link js tab": "[x](java\tscript:alert(1))",
    "md link js newline": "[x](<java\nscript:alert(1)>)",
    "md link js entity tab": "[x](java&#9;script:alert(1))",
    "md link js entity newline": "[x](java&#10;script:alert(1))",
    "md link js NUL": "[x](java\x00script:alert(1))",
    "md link vbscript": "[x](vbscript:msgbox(1))",
    "md link data": "[x](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
    "md link leading controls": "[x](\x01\x02javascript:alert(1))",
    "md image js": "![x](javascript:alert(1))",
    "md image data": "![x](data:image/svg+xml;base64,PHN2Zy8+)",
    "md image data html": "![x](data:text/html;base64,PHN2Zy8+)",
    "attr list event": "para\n{onclick=alert(1) style=color:red .is-info}",
    "attr list href": "[x](/a){href=javascript:alert(1)}",
    "attr list image src": "![x](/a.png){src=javascript:alert(1) onerror=alert(1)}",
    "image size js": "![x](javascript:alert(1) =600x)",
    "tabset heading script": (
        "# <script>alert(1)</script> {.tabset}\n## <img src=x onerror=alert(1)>\nx"),
    "details event": (
        '<details open ontoggle="alert(1)"><summary onclick="alert(1)">s</summary>x</details>'),
    "video js": '<video src="javascript:alert(1)" poster="javascript:alert(1)" onplay="alert(1)">',
    "video data": '<video src="data:video/mp4;base64,AAAA" controls></video>',
    "audio source js": (
        '<audio controls><source src="javascript:alert(1)" type="text/html"></audio>'),
    "mermaid html": "```mermaid\ngraph TD; A[<img src=x onerror=alert(1)>]-->B\n```",
    "drawio svg script": (
        "```diagram\nPHN2ZyBvbmxvYWQ9YWxlcnQoMSk+PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pjwvc3ZnPg==\n```"),
    "drawio not base64": "```diagram\n<script>alert(1)</script>\n```",
    "kroki html": "```kroki\nplantuml\n<script>alert(1)</script>\n```",
    "emoji in link": "[:smile:](javascript:alert(1))",
    "linkify js": "javascript:alert(1) www.example.com/<script>",
    "reference js": "[x][evil]\n\n[evil]: javascript:alert(1)",
    "reference js entity": "[x][evil]\n\n[evil]: &#x6A;avascript:alert(1)",
    "short reference js": "[evil]\n\n[evil]: javascript:alert(1)",
    "image reference js": "![x][evil]\n\n[evil]: javascript:alert(1)",
    "autolink js": "<javascript:alert(1)>",
    "autolink data": "<data:text/html,<script>alert(1)</script>>",
    "wikilink js": "[[javascript:alert(1)|click]] [[javascript:alert(1)]]",
    "raw a js": '<a href="javascript:alert(1)">x</a>',
    "raw a data": '<a href="data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==">x</a>',
    "raw a entity scheme": '<a href="&#106;avascript:alert(1)">x</a>',
    "raw a whitespace scheme": '<a href=" &#14; javascript:alert(1)">x</a>',
    "raw a tab scheme": '<a href="jav&#x09;ascript:alert(1)">x</a>',
    "raw a unquoted": "<a href=javascript:alert(1)>x</a>",
    "raw a formaction": '<a href="/x" formaction="javascript:alert(1)">x</a>',
    "attr_list injection":
        "# Title {: onclick=\"alert(1)\" }\n\nPara\n{: onmouseover=alert(1) .x }",
    "attr_list link": "[x](/ok){: onclick=alert(1) href=javascript:alert(1) }",
    "svg script": "<svg><script>alert(1)</script></svg>",
    "svg onload": "<svg onload=alert(1)>",
    "svg use": '<svg><use href="data:image/svg+xml,<svg id=x onload=alert(1)>#x"/></svg>',
    "math": '<math><mi xlink:href="javascript:alert(1)">x</mi></math>',
    "math mxss": "<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>",
    "iframe": '<iframe src="javascript:alert(1)"></iframe>',
    "iframe srcdoc": '<iframe srcdoc="<script>alert(1)</script>"></iframe>',
    "object": '<object data="javascript:alert(1)"></object>',
    "embed": '<embed src="javascript:alert(1)">',
    "form": '<form action="javascript:alert(1)"><button>go</button></form>',
    "input": '<input autofocus onfocus=alert(1)>',
    "style tag": "<style>body{background:url(javascript:alert(1))}</style>",
    "style attr": '<p style="background:url(javascript:alert(1))">x</p>',
    "meta refresh": '<meta http-equiv="refresh" content="0;url=javascript:alert(1)">',
    "base": '<base href="javascript:alert(1)//">',
    "link tag": '<link rel="stylesheet" href="javascript:alert(1)">',
    "noscript mxss": '<noscript><p title="</noscript><img src=x onerror=alert(1)>">',
    "comment trick": "<!--><img src=x onerror=alert(1)>-->",
    "cdata": "<![CDATA[<script>alert(1)</script>]]>",
    "unclosed tags": "<div><p><a href='/x'><b><i>unclosed <img src=x onerror=alert(1)",
    "unclosed attr": '<a href="/x" title="unterminated>text</a><script>alert(1)</script>',
    "template": "<template><script>alert(1)</script></template>",
    "textarea breakout": "<textarea></textarea><script>alert(1)</script>",
    "title breakout": "<title></title><img src=x onerror=alert(1)>",
    "class injection": '<span class="x highlight">x</span><p class="toc evil">y</p>',
    "id clobbering": '<h2 id="main">x</h2><p id="csrfmiddlewaretoken">y</p>',
    "rel override": '<a href="https://example.com" rel="opener">x</a>',
    "code fence html": "```html\n<script>alert(1)</script>\n```",
    "code span html": "`<img src=x onerror=alert(1)>`",
    "footnote js": "x[^1]\n\n[^1]: [y](javascript:alert(1))",
    "toc heading html": "[TOC]\n\n# <img src=x onerror=alert(1)>\n\n## <script>alert(1)</script>",
    "table cell":
        "| a | b |\n|---|---|\n| <img src=x onerror=alert(1)> | [x](javascript:alert(1)) |",
    "definition list": "Term <script>x</script>\n: [d](javascript:alert(1))",
    "html in list": "- <a href='javascript:alert(1)'>x</a>\n  - <svg onload=alert(1)>",
    "markdown in html": '<div markdown="1">[x](javascript:alert(1))</div>',
    "mention-like": "@<img src=x onerror=alert(1)>",
}
PATHOLOGICAL = {
    "nested quotes": ">" * 5000 + " deep",
    "nested quote lines": "\n".join(">" * i + " x" for i in range(1, 300)),
    "many brackets": "[" * 10000,
    "many brackets closed": "[" * 5000 + "x" + "]" * 5000 + "(javascript:alert(1))",
    "many wikilink brackets": "[[" * 5000,
    "many parens": "[x](" * 5000,
    "many open tags": "<a" * 20000,
    "deep divs": "<div>" * 5000,
    "deep spans": "<span>" * 5000 + "<script>alert(1)</script>",
    "deep lists": "\n".join("    " * i + "- x" for i in range(400)),
}


@pytest.mark.parametrize("text", HOSTILE.values(), ids=HOSTILE.keys())
def test_hostile_markdown_renders_nothing_executable(text):
    rendered = render_markdown(text, mentions=lambda names: names)
    assert_safe_html(rendered.html)


@pytest.mark.parametrize("text", PATHOLOGICAL.values(), ids=PATHOLOGICAL.keys())
def test_pathological_nesting_finishes_quickly_and_safely(text):
    # CPU time, not wall time: 0.1-0.5 s each, however busy the machine (a runaway parse would
    # take minutes; wall time failed this on a runner with a load of 25).
    start = time.process_time()
    rendered = render_markdown(text)
    assert time.process_time() - start < 5
    assert_safe_html(rendered.html)


def test_deep_quotes_still_render_as_quotes():
    html = render_markdown(">" * 5000 + " deep").html
    assert html.count("<blockquote>") == 12
    assert "deep" in html


def test_a_long_paragraph_full_of_markup_renders_in_linear_time():
    # Python-Markdown's inline pass is quadratic in a paragraph's length; the pipeline cuts long
    # paragraphs, and past the cost budget (10,000 elements here) shows the rest as written.
    text = "[a](/b) *c* `d` &amp; <b>e</b> " * 2_000
    start = time.process_time()
    rendered = render_markdown(text)
    assert time.process_time() - start < 15
    shown = rendered.html.count("<code>d</code>")
    assert 100 < shown < 2_000
    assert rendered.html.count("`d` &amp;amp;") == 2_000 - shown
    assert_safe_html(rendered.html)


def test_executable_text_stays_visible_as_text():
    html = render_markdown("<script>alert(1)</script>").html
    assert "<script" not in html.lower()
    assert "alert(1)" in html


# --- Property: any mix of markdown syntax and hostile fragments is safe -------------------------

FRAGMENTS = st.sampled_from([
    "[", "]", "(", ")", "<", ">", "!", "*", "_", "`", "```", "#", "\n", "\n\n", " ", "\t", "|",
    ":", "&#", ";", "&#58;", "&#x6A;", "&colon;", "\"", "'", "=", "{:", "}", "[[", "]]", "@", "-",
    "javascript:", "JaVaScRiPt:", "vbscript:", "data:", "alert(1)", "<script>", "</script>",
    "<img src=x onerror=", "<svg", "<math", "<iframe", "<a href=", "onclick=", "style=",
    "[x](", "![x](", "[x]: ", "<http://", "http://example.com", "/page", "  ", "> ", "1. ", "- ",
    # Wiki.js constructs: attributes, callouts, tabsets, fences, media, sizes, emoji, marks.
    "{.is-info}", "{#x}", "{.tabset}", "{onclick=x}", "{style=x}", "# T {.tabset}\n## A\n",
    "```mermaid\n", "```diagram\n", "```plantuml\n", "```kroki\n", "PHN2Zz48L3N2Zz4=",
    "PHN2ZyBvbmxvYWQ9YWxlcnQoMSk+", "<details>", "<summary>", "</details>", "<details open name=",
    "<video src=", "<audio src=", "<source src=", " controls>", "poster=", " =600x", " =x2)",
    ":smile:", "~~", "~", "^", "==", "- [x] ", "- [ ] ", "www.", "data:image/svg+xml;base64,",
])


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.one_of(FRAGMENTS, st.text(max_size=5)), max_size=40).map("".join))
def test_random_markdown_never_yields_executable_html(text):
    rendered = render_markdown(text, mentions=lambda names: names)
    assert_safe_html(rendered.html)
    for path in rendered.links:
        assert path == path.lower().strip("/")
