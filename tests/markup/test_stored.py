"""Stored HTML of every kind (wiki revisions, node and example descriptions, posts, post
revisions) is kept one way: shown without writing while stale, re-rendered by the command."""

import io

import pytest
from django.core.management import call_command

from forum import actions
from forum.models import Post, PostRevision
from markup import pipeline
from markup.rerender import markup_models, rerender_rows, stale_rows
from search.models import IndexUpdate
from taxonomy import editing as taxonomy_editing
from taxonomy.models import Example, TaxonomyNode
from wiki.editing import save_page
from wiki.models import Revision

STALE = '<p>stale <a href="https://elsewhere.example/">out</a><script>alert(1)</script></p>'
STALE_CLEANED = (
    '<p>stale <a href="https://elsewhere.example/" rel="nofollow noopener noreferrer">out</a>'
    "alert(1)</p>"
)
KINDS = [Revision, TaxonomyNode, Example, Post, PostRevision]


@pytest.fixture
def world(user):
    """One row of every kind, with markdown whose rendering is easy to recognise."""
    save_page(path="a", title="A", markdown="**page** [[A]]", author=user)
    root = taxonomy_editing.create_node(
        user=user, parent=None, name="Root", slug="root", description="*node*"
    )
    taxonomy_editing.save_example(
        Example(), user=user, name="Ex", slug="ex", description="*example*", nodes=[root]
    )
    thread = actions.start_thread(node=root, author=user, title="T", body="**first**")
    actions.edit_post(post_id=thread.posts.get().pk, editor=user, body="**second**[^1]\n\n[^1]: n")
    return root


@pytest.fixture
def bumped(world, monkeypatch):
    """Every stored text made stale by a renderer upgrade, its stored HTML from an older
    sanitiser that let a script through."""
    for model in KINDS:
        _, html, _ = model.markup_fields
        model.objects.update(**{html: STALE})
    monkeypatch.setattr(pipeline, "RENDERER_VERSION", pipeline.RENDERER_VERSION + 1)
    return pipeline.RENDERER_VERSION


def rows():
    return [row for model in KINDS for row in model.objects.all()]


def test_every_model_with_markdown_uses_the_mixin():
    assert set(markup_models()) == set(KINDS)


@pytest.mark.django_db
def test_writes_store_html_with_the_current_version(world):
    assert len(rows()) == len(KINDS)
    for row in rows():
        _, html, version = row.markup_fields
        assert getattr(row, version) == pipeline.RENDERER_VERSION
        assert getattr(row, html) == row.render_markup().html
        assert row.current_html() == getattr(row, html)


@pytest.mark.django_db
def test_stale_html_is_shown_cleaned_by_todays_sanitiser_without_a_write(bumped):
    for row in rows():
        assert row.html_is_stale
        assert row.current_html() == STALE_CLEANED
    assert all(r.html_is_stale for r in rows())


@pytest.mark.django_db
def test_a_stale_row_that_never_had_html_is_rendered_for_the_reader(bumped):
    TaxonomyNode.objects.update(description_html="")
    node = TaxonomyNode.objects.get()
    assert node.current_html() == "<p><em>node</em></p>"
    assert TaxonomyNode.objects.get().description_html == ""


@pytest.mark.django_db
def test_the_command_re_renders_every_kind_after_a_version_bump(bumped):
    out = io.StringIO()
    call_command("markup_rerender", chunk_size=1, stdout=out)
    for row in rows():
        _, html, version = row.markup_fields
        assert getattr(row, version) == bumped, row
        assert getattr(row, html) == row.render_markup().html, row
        assert "stale" not in getattr(row, html)
    assert "forum.postrevision: 1/1" in out.getvalue()
    assert f"Re-rendered {len(KINDS)} texts with renderer version {bumped}." in out.getvalue()
    # Run again: nothing is stale any more.
    call_command("markup_rerender", stdout=out)
    assert out.getvalue().endswith(f"Re-rendered 0 texts with renderer version {bumped}.\n")


@pytest.mark.django_db
def test_re_rendered_rows_are_queued_for_the_search_index_and_cached_pages_dropped(
        bumped, monkeypatch):
    from network_societies import pagecache

    IndexUpdate.objects.all().delete()
    monkeypatch.setattr(pagecache.time, "time", lambda: 4_000_000_000.0)
    call_command("markup_rerender", stdout=io.StringIO())
    assert pagecache.generation() == 4_000_000_000.0
    queued = set(IndexUpdate.objects.values_list("model", flat=True))
    # Pages are indexed from their current revision; old post versions are not searchable.
    assert queued == {"wiki.page", "taxonomy.taxonomynode", "taxonomy.example", "forum.post"}


@pytest.mark.django_db
def test_search_indexes_the_current_html_not_the_markdown(world):
    node = TaxonomyNode.objects.get()
    assert node.search_value("description_text") == "node"
    text = Post.objects.get().search_value("text")
    assert text.startswith("second") and "**" not in text and "[^1]" not in text


@pytest.mark.django_db
def test_a_row_edited_while_re_rendering_keeps_its_edit(bumped, user):
    """The command read the post, then its author saved a new text: the rendering of the old
    text must not overwrite the new one."""
    post = list(stale_rows(Post))
    actions.edit_post(post_id=post[0].pk, editor=user, body="*edited*")
    assert rerender_rows(Post, post) == 0
    assert Post.objects.get().html == "<p><em>edited</em></p>"


@pytest.mark.django_db
def test_post_mentions_stay_as_written_and_nobody_is_notified(bumped, make_user):
    from notifications.models import Notification

    make_user("bob")
    Post.objects.update(body="@bob and @carol", mentioned=["bob"])
    before = Notification.objects.count()
    call_command("markup_rerender", stdout=io.StringIO())
    html = Post.objects.get().html
    assert 'href="/u/bob/"' in html and "/u/carol/" not in html
    assert Notification.objects.count() == before


def test_a_misnamed_markup_field_fails_the_system_check(monkeypatch):
    from django.core import checks

    monkeypatch.setattr(PostRevision, "markup_fields", ("body", "html", "version"))
    errors = [e for e in checks.run_checks() if e.id == "markup.E001"]
    assert len(errors) == 1 and errors[0].obj is PostRevision and "'version'" in errors[0].msg


@pytest.mark.django_db
def test_migrate_queues_the_re_render_as_a_background_task(
        bumped, django_capture_on_commit_callbacks):
    """After a deploy, post_migrate queues markup.tasks.rerender_stale (run at once by the tests'
    immediate backend, by ``manage.py db_worker`` on a site)."""
    from django.apps import apps
    from django.db.models.signals import post_migrate

    from markup.tasks import queue_rerender

    markup_app = apps.get_app_config("markup")
    sync_receivers, _ = post_migrate._live_receivers(markup_app)
    assert queue_rerender in sync_receivers
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        queue_rerender(sender=markup_app, using="default")
    assert callbacks
    assert not any(row.html_is_stale for row in rows())
    assert all("stale" not in row.current_html() for row in rows())
