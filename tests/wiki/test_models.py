"""The wiki's data model: tags are normalised, paths validated, revisions never modified."""

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from wiki.editing import save_page
from wiki.models import Page, Revision, Tag, normalise_path, normalise_tag, validate_page_path


@pytest.mark.parametrize(("text", "name", "slug"), [
    ("Pop-Up Villages", "pop-up villages", "pop-up-villages"),
    ("  pop-up   villages ", "pop-up villages", "pop-up-villages"),
    ("Café Société", "café société", "cafe-societe"),
    ("ＦＵＬＬWIDTH", "fullwidth", "fullwidth"),
    ("Straße", "strasse", "strasse"),
])
def test_tags_are_normalised_so_case_spaces_and_accents_never_break_a_url(text, name, slug):
    assert normalise_tag(text) == (name, slug)


@pytest.mark.parametrize("bad", ["", "   ", "x" * 51, "a,b", "!!!", "😀"])
def test_unusable_tags_are_refused_with_a_message(bad):
    with pytest.raises(ValidationError):
        normalise_tag(bad)


@pytest.mark.django_db
def test_for_names_creates_each_tag_once_and_reuses_existing_ones():
    first = Tag.objects.for_names(["Europe", "europe ", "Hubs"])
    assert [t.name for t in first] == ["europe", "hubs"]
    again = Tag.objects.for_names(["HUBS", "asia"])
    assert again[0].pk == first[1].pk
    assert Tag.objects.count() == 3


@pytest.mark.parametrize("good", [
    "a", "network-societies/pop-ups", "x/y_z/2024", "a-b-c",
    # Wiki.js keeps capitals and allows much more than slugs.
    "Design/Formulas", "R&D", "C++", "v1.2", "_drafts/x", "a b", "-a", "a-", "é", "ja/about",
])
def test_valid_paths(good):
    validate_page_path(good)


@pytest.mark.parametrize("bad", [
    "", "/a", "a/", "a//b", "wiki/foo", "tags", "a/../b", "./a", "x" * 256, "a:b", "a|b",
    'a"b', "a?b", "a*b", "a<b", "a\\b", "a#b", " a", "a /b", "a\x01", "ja", "en/x", "JA/x",
])
def test_invalid_paths_get_a_message(bad):
    with pytest.raises(ValidationError) as info:
        validate_page_path(bad)
    assert info.value.messages[0]


def test_normalise_path():
    assert normalise_path(" /Network-Societies/Pop-Ups/ ") == "Network-Societies/Pop-Ups"


@pytest.mark.django_db
def test_a_revision_is_never_modified_once_written(user):
    revision = save_page(path="a", title="A", markdown="one", author=user).revision
    revision.markdown = "changed"
    with pytest.raises(ValueError):
        revision.save()
    assert Revision.objects.get(pk=revision.pk).markdown == "one"


@pytest.mark.django_db
def test_revision_numbers_are_unique_per_page(user):
    page = save_page(path="a", title="A", markdown="one", author=user).page
    with pytest.raises(IntegrityError), transaction.atomic():
        Revision.objects.create(page=page, number=1, title="A", created_at=page.created_at)


@pytest.mark.django_db
def test_page_url_and_search_queryset(user):
    page = save_page(path="a/b", title="B", markdown="x", author=user, tags=["Hubs"]).page
    hidden = save_page(path="c", title="C", markdown="x", author=user, published=False).page
    gone = save_page(path="d", title="D", markdown="x", author=user).page
    Page.objects.filter(pk=gone.pk).update(deleted_at=gone.created_at)
    assert page.get_absolute_url() == "/a/b"
    assert list(Page.search_queryset()) == [page]
    assert hidden not in Page.search_queryset()
    found = Page.search_queryset().get()
    assert found.search_value("tag_slugs") == ["hubs"]
    assert found.search_value("body_text") == "x"
    assert [f.name for f in Page.search_fields][:3] == ["title", "tag_names", "description"]


@pytest.mark.django_db
def test_stale_html_is_shown_cleaned_and_left_for_the_re_render(user):
    revision = save_page(path="a", title="A", markdown="**bold**", author=user).revision
    Revision.objects.filter(pk=revision.pk).update(
        html='<p>old<script>x()</script></p>', renderer_version=0
    )
    stale = Revision.objects.get(pk=revision.pk)
    assert stale.current_html() == "<p>oldx()</p>"
    assert Revision.objects.get(pk=revision.pk).renderer_version == 0


def test_a_page_with_many_revisions_can_be_hard_deleted_by_an_admin(user):
    for n in range(3):
        save_page(path="gone", title="Gone", markdown=f"version {n}", author=user)
    Page.objects.get(path="gone").delete()
    assert not Revision.objects.filter(page__path="gone").exists()
