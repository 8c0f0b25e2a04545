"""A messy generated Wiki.js wiki (tests/wiki/wikijs_corpus.py) imports whole; bad files are
reported each with its reason, fast; export then import gives back every page byte for byte."""

import time
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from wiki.models import Page, Revision

from .wikijs_corpus import GOOD, write_corpus

pytestmark = pytest.mark.django_db


def run(command, *args):
    out, err = StringIO(), StringIO()
    try:
        call_command(command, *map(str, args), stdout=out, stderr=err)
    except CommandError as error:
        return out.getvalue(), err.getvalue(), error
    return out.getvalue(), err.getvalue(), None


@pytest.fixture
def corpus(tmp_path):
    folder = tmp_path / "wiki"
    return folder, write_corpus(folder)


def test_every_good_file_imports_and_each_bad_one_is_reported_quickly(corpus):
    folder, bad = corpus
    start = time.perf_counter()
    out, err, error = run("import_wikijs", folder)
    elapsed = time.perf_counter() - start
    assert error is not None and f"{len(bad)} of {len(GOOD) + len(bad)} files" in str(error)
    assert f"{len(GOOD)} created" in out and "HTML pages among them: 2." in out
    for relative, reason in bad.items():
        line = next(line for line in err.splitlines() if line.startswith(f"{folder / relative}:"))
        assert reason in line, line
    # The alias bomb, the FIFO and the link loop each cost nothing like the 83 s / hang they did.
    assert elapsed < 60
    assert Page.objects.count() == len(GOOD)


def test_paths_locales_and_editors_come_in_as_wiki_js_had_them(corpus, client):
    folder, _ = corpus
    run("import_wikijs", folder)
    paths = set(Page.objects.values_list("path", flat=True))
    assert {"Design/Formulas", "R&D/C++ and Rust", "_drafts/v1.2 notes", "Café/Über uns",
            "product/about", "ja/product/about", "pt-br/product/about"} <= paths
    assert Page.objects.get(path="html/visual").editor == "ckeditor"
    visual = client.get("/html/visual").content.decode()
    assert "From the visual editor" in visual and 'href="/en/home"' in visual
    assert "onclick" not in visual and "<script>alert" not in visual
    about = client.get("/ja/product/about").content.decode()
    assert 'hreflang="en"' in about and 'hreflang="pt-br"' in about
    assert client.get("/design/FORMULAS")["Location"] == "/Design/Formulas"


def test_the_crlf_bom_and_quoted_variants_read_right(corpus):
    folder, _ = corpus
    run("import_wikijs", folder)
    quoted = Page.objects.get(path="variants/quoted")
    assert quoted.title == "Pop-ups: a guide" and quoted.description == "It's short"
    assert sorted(quoted.tags.values_list("name", flat=True)) == ["guides", "pop-ups"]
    assert not Page.objects.get(path="variants/unpublished").published
    assert Page.objects.get(path="variants/bom").title == "BOM"
    crlf = Page.objects.get(path="variants/crlf").current_revision
    assert crlf.markdown == "Line one\r\nLine two\r\n" and "Line one<br>" in crlf.html


def test_a_page_whose_diagram_outweighs_the_body_limit_imports(corpus):
    folder, _ = corpus
    run("import_wikijs", folder)
    page = Page.objects.get(path="diagrams/big")
    assert len(page.current_revision.markdown) > 200_000
    assert 'alt="draw.io diagram"' in page.current_revision.html


def test_the_constructs_page_renders_as_wiki_js_showed_it(corpus, client):
    folder, _ = corpus
    run("import_wikijs", folder)
    body = client.get("/Guides/Hub-Guide").content.decode()
    for fragment in ('<blockquote class="is-info">', '<blockquote class="is-danger">', "<table>",
                     'href="https://example.org/guide"', "💼", "<del>old</del>", "<mark>new</mark>",
                     'class="task-list-check"', 'class="tabset"', "<details>",
                     '<video src="https://example.org/tour.mp4"', 'width="600"',
                     'id="h-1st-steps"', 'id="details-1"', '<pre class="mermaid">',
                     "PlantUML diagram (source)", "<p>Before you go:</p>\n<ol>\n<li>Pack</li>",
                     "<li>Travel<ul>\n<li>by train</li>", "<p>Pick (1) a bed or (2) a tent.</p>"):
        assert fragment in body, fragment
    # The [[ ]] of the shell test stays code, inside its list item.
    assert "[[" in body and "/wiki/edit/-d" not in body
    assert 'href="/Design/Formulas"' not in body  # links are kept as written...
    assert 'href="/en/Design/Formulas"' in body and body.count('class="redlink"') == 1


def test_export_then_import_round_trips_every_page_byte_for_byte(corpus, tmp_path):
    folder, _ = corpus
    run("import_wikijs", folder)
    first, second = tmp_path / "first", tmp_path / "second"
    run("export_wikijs", first)
    before = {p.path: (p.title, p.description, p.published, p.editor, p.created_at, p.updated_at,
                       p.current_revision.markdown) for p in Page.objects.all()}
    Revision.objects.all().delete()
    Page.objects.all().delete()
    out, err, error = run("import_wikijs", first)
    assert error is None, err
    after = {p.path: (p.title, p.description, p.published, p.editor, p.created_at, p.updated_at,
                      p.current_revision.markdown) for p in Page.objects.all()}
    assert after == before
    run("export_wikijs", second)
    files = sorted(p.relative_to(first) for p in first.rglob("*") if p.is_file())
    assert files == sorted(p.relative_to(second) for p in second.rglob("*") if p.is_file())
    assert all((first / f).read_bytes() == (second / f).read_bytes() for f in files)
    # Namespaced like Wiki.js once there are several languages; HTML pages stay .html.
    assert {"en/home.md", "ja/product/about.md", "en/html/visual.html"} <= {str(f) for f in files}


def test_reimporting_the_unchanged_wiki_writes_nothing(corpus):
    folder, _ = corpus
    run("import_wikijs", folder)
    revisions = Revision.objects.count()
    out, _, _ = run("import_wikijs", folder)
    assert f"{len(GOOD)} unchanged" in out and Revision.objects.count() == revisions


def test_a_large_import_renders_on_every_core_and_indexes_every_page(
        tmp_path, django_capture_on_commit_callbacks, transactional_db):
    # Not inside a test transaction: the renderer forks only when it may close the connections.
    from bench.import_bench import write_wiki
    from markup import RENDERER_VERSION
    from search.backends import get_backend
    from wiki.bulk_render import POOL_THRESHOLD
    from wiki.models import PageLink

    write_wiki(tmp_path, POOL_THRESHOLD + 5)
    with django_capture_on_commit_callbacks(execute=True):
        out, err, error = run("import_wikijs", tmp_path)
    assert error is None, err
    revisions = Revision.objects.all()
    assert revisions.count() == POOL_THRESHOLD + 5
    assert not revisions.exclude(renderer_version=RENDERER_VERSION).exists()
    assert all('<blockquote class="is-info">' in r.html for r in revisions)
    assert PageLink.objects.filter(target_path__startswith="topics/page-").count() >= 100
    assert get_backend().count() == Page.objects.filter(published=True).count()
