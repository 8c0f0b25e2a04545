"""Line diffs with word highlights, and their HTML: escaped, never built from page text."""

from django.template.loader import render_to_string

from wiki.diff import diff_texts, size_change


def kinds(lines):
    return [line.kind for line in lines]


def test_changed_words_are_marked_inside_changed_lines():
    lines = diff_texts("the quick fox\n", "the slow fox\n")
    assert kinds(lines) == ["del", "ins"]
    assert ("del", "quick") in lines[0].parts and ("ins", "slow") in lines[1].parts
    assert ("", "the ") in lines[1].parts


def test_added_and_removed_lines_and_numbers():
    lines = diff_texts("a\nb\nc\n", "a\nc\nd\n")
    assert [(line.kind, line.old_number, line.new_number) for line in lines] == [
        ("same", 1, 1), ("del", 2, None), ("same", 3, 2), ("ins", None, 3)]


def test_long_unchanged_runs_become_gaps():
    old = "\n".join(str(i) for i in range(100))
    new = old.replace("50", "fifty")
    lines = diff_texts(old, new)
    assert kinds(lines) == ["gap"] + ["same"] * 3 + ["del", "ins"] + ["same"] * 3 + ["gap"]
    assert lines[0].skipped == 47 and lines[-1].skipped == 46


def test_identical_and_empty_texts():
    assert kinds(diff_texts("a\nb", "a\nb")) == ["gap"]
    assert kinds(diff_texts("", "new")) == ["ins"]
    assert diff_texts("", "") == []


def test_rendered_diff_escapes_everything():
    lines = diff_texts('<script>alert("x")</script>\n', '<img src=x onerror=alert(1)>\n')
    html = render_to_string("wiki/includes/diff.html", {"lines": lines})
    assert "<script>" not in html and "<img" not in html
    assert html.count("&lt;") >= 3 and "onerror=" in html
    assert 'class="line line--del"' in html and 'class="line line--ins"' in html


def test_size_change():
    assert size_change("abc", "abcdef") == 3 and size_change("abc", "") == -3
