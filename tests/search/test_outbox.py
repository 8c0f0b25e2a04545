"""Every change to an indexed object reaches the index after commit, and none is lost when the
index is busy."""

import pytest
from django.db import transaction
from django.test import override_settings
from django.utils import timezone

from search.backends import IndexLocked, get_backend
from search.models import IndexUpdate
from search.outbox import drain, enqueue, enqueue_keys, retry_parked
from search.query import parse_query
from wiki.editing import delete_page, save_page

pytestmark = pytest.mark.django_db


def found(text, **kwargs):
    return {(h.model, h.pk) for h in get_backend().search(parse_query(text), **kwargs).hits}


def test_a_saved_page_is_queued_in_its_transaction_and_indexed_after_commit(
        django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True) as callbacks, transaction.atomic():
        page = save_page(path="hubs", title="Hubs", markdown="Coworking in Chiang Mai",
                         author=None).page
        assert IndexUpdate.objects.filter(model="wiki.page", object_id=str(page.pk)).exists()
        assert found("coworking") == set()
    # One index task per transaction, however many rows it queued.
    assert len([c for c in callbacks if "queue_once" in c.__qualname__]) == 1
    assert found("coworking") == {("wiki.page", str(page.pk))}
    assert not IndexUpdate.objects.exists()


def test_a_rolled_back_change_is_never_indexed(django_capture_on_commit_callbacks):
    with (django_capture_on_commit_callbacks(execute=True), pytest.raises(RuntimeError),
          transaction.atomic()):
        save_page(path="gone", title="Gone", markdown="ephemeral", author=None)
        raise RuntimeError
    assert not IndexUpdate.objects.exists()
    assert found("ephemeral") == set()


def test_unpublished_and_deleted_pages_leave_the_index(make_page, indexed):
    page = make_page("villages", "Villages", "zuzalu village")
    assert found("zuzalu")
    indexed(delete_page, page, by=None)
    assert found("zuzalu") == set()
    make_page("draft", "Draft", "secretword", published=False)
    assert found("secretword") == set()


def test_tags_changed_later_are_indexed_and_filterable(make_page, indexed):
    from wiki.models import Tag

    page = make_page("cities", "Cities", "startup city")
    indexed(page.tags.add, *Tag.objects.for_names(["Charter Cities"]))
    assert found("charter") == {("wiki.page", str(page.pk))}
    assert found("city", filters=["tag_slugs=charter-cities"]) == {("wiki.page", str(page.pk))}


def test_hiding_a_thread_hides_its_posts_once_the_forum_enqueues_them(make_thread, indexed):
    thread = make_thread("Governance", "quadratic voting works")
    assert found("quadratic")

    def hide():
        thread.hidden = True
        thread.save()
        enqueue(thread.posts.all())

    indexed(hide)
    assert found("quadratic") == set()
    assert found("governance") == set()


def test_a_locked_index_keeps_the_queue_until_the_next_drain(make_page, monkeypatch):
    backend = get_backend()
    real_batch = backend.batch

    def locked(*args, **kwargs):
        raise IndexLocked("busy")

    monkeypatch.setattr(backend, "batch", locked)
    page = make_page("busy", "Busy", "lockedword")
    queued = IndexUpdate.objects.count()
    assert queued >= 1
    assert found("lockedword") == set()
    monkeypatch.setattr(backend, "batch", real_batch)
    assert drain() == queued
    assert found("lockedword") == {("wiki.page", str(page.pk))}
    assert not IndexUpdate.objects.exists()


def test_a_failure_while_writing_loses_nothing(make_page, monkeypatch):
    page = make_page("crash", "Crash", "crashword")
    get_backend().reset()
    IndexUpdate.objects.create(model="wiki.page", object_id=str(page.pk))
    monkeypatch.setattr("search.outbox.document_for", lambda obj: 1 / 0)
    assert drain() == 0
    [row] = IndexUpdate.objects.all()  # still queued, to be retried after a while
    assert row.attempts == 1 and row.retry_at > timezone.now() and not row.parked
    assert "ZeroDivisionError" in row.error
    monkeypatch.undo()
    IndexUpdate.objects.update(retry_at=timezone.now())
    assert drain() == 1
    assert found("crashword") == {("wiki.page", str(page.pk))}
    assert not IndexUpdate.objects.exists()


@override_settings(SEARCH_MAX_ATTEMPTS=3)
def test_a_poisoned_row_is_retried_alone_then_parked_while_the_others_flow(
        make_page, monkeypatch, indexed):
    from search import index

    good = make_page("good", "Good", "goodword")
    bad = make_page("bad", "Bad", "badword")
    get_backend().reset()
    real = index.document_for

    def poisoned(obj):
        if obj.pk == bad.pk:
            raise ValueError("this page's data breaks indexing")
        return real(obj)

    monkeypatch.setattr("search.outbox.document_for", poisoned)
    indexed(enqueue_keys, [("wiki.page", good.pk), ("wiki.page", bad.pk)])
    assert IndexUpdate.objects.get().attempts == 1
    assert found("goodword") == {("wiki.page", str(good.pk))}
    for attempt in (2, 3):  # later, after its backoff
        IndexUpdate.objects.update(retry_at=timezone.now())
        drain()
        assert IndexUpdate.objects.get().attempts == attempt
    row = IndexUpdate.objects.get()
    assert row.parked and row.retry_at is None and "breaks indexing" in row.error
    assert drain() == 0  # parked rows are left alone...
    third = make_page("third", "Third", "thirdword")  # ...and never block the others
    assert found("thirdword") == {("wiki.page", str(third.pk))}
    monkeypatch.undo()
    assert retry_parked() == 1  # fixed: retried from the admin or the shell
    assert found("badword") == {("wiki.page", str(bad.pk))}
    assert not IndexUpdate.objects.exists()


def test_a_successful_save_clears_older_parked_rows_of_the_same_object(make_page, indexed):
    page = make_page("later", "Later", "laterword")
    IndexUpdate.objects.create(model="wiki.page", object_id=str(page.pk), parked=True,
                               attempts=8, error="old failure")
    indexed(enqueue, [page])
    assert not IndexUpdate.objects.exists()


def test_a_fixture_load_queues_raw_saves_and_indexes_after_commit(tmp_path, indexed):
    from django.core.management import call_command

    fixture = tmp_path / "pages.json"
    fixture.write_text(
        '[{"model": "wiki.page", "pk": 99, "fields": {"path": "fixtured", "title": "Fixtured",'
        ' "description": "loaded from a fixturedword file", "published": true,'
        ' "created_at": "2024-01-01T00:00:00Z", "updated_at": "2024-01-01T00:00:00Z"}}]'
    )
    indexed(call_command, "loaddata", str(fixture), verbosity=0)
    assert found("fixturedword") == {("wiki.page", "99")}
    assert not IndexUpdate.objects.exists()


def test_unknown_models_and_bad_ids_are_dropped_quietly(db):
    IndexUpdate.objects.create(model="nope.gone", object_id="1")
    IndexUpdate.objects.create(model="wiki.page", object_id="not-a-number")
    assert drain() == 2
    assert not IndexUpdate.objects.exists()


def test_moving_a_category_reindexes_its_subtree_and_examples_under_the_new_scale(
        small_scale, indexed):
    from taxonomy import editing
    from taxonomy.models import Example

    root = small_scale.parent
    medium = indexed(editing.create_node, user=None, parent=root, name="Medium", slug="medium")
    hubs = indexed(editing.create_node, user=None, parent=small_scale, name="Hubs", slug="hubs")
    coliving = indexed(editing.create_node, user=None, parent=hubs, name="Coliving",
                       slug="coliving")
    example = indexed(editing.save_example, Example(), user=None, name="Zuzalu hub",
                      slug="zuzalu-hub", nodes=[coliving])
    assert ("taxonomy.example", str(example.pk)) in found("zuzalu", filters=["scale=small"])

    indexed(editing.update_node, hubs, user=None, parent=medium)

    assert found("coliving", filters=["scale=small"]) == set()
    coliving_key = ("taxonomy.taxonomynode", str(coliving.pk))
    assert found("coliving", filters=["scale=medium"]) == {coliving_key}
    assert found("zuzalu", filters=["scale=medium"]) == {("taxonomy.example", str(example.pk))}


def test_parked_rows_are_listed_in_the_admin_and_retried_from_there(client, make_page,
                                                                   django_user_model):
    page = make_page("parked", "Parked", "parkedword")
    row = IndexUpdate.objects.create(model="wiki.page", object_id=str(page.pk), parked=True,
                                     attempts=8, error="ValueError: broken markup")
    admin = django_user_model.objects.create_superuser("root", "root@example.org", "pw")
    client.force_login(admin)
    listing = client.get("/admin/search/indexupdate/?parked__exact=1")
    assert listing.status_code == 200
    assert b"ValueError: broken markup" in listing.content
    response = client.post("/admin/search/indexupdate/", {
        "action": "retry", "_selected_action": [row.pk],
    })
    assert response.status_code == 302
    assert not IndexUpdate.objects.exists()  # retried at once (immediate queue) and applied


def test_search_check_lists_parked_rows(make_page, capsys):
    from django.core.management import call_command

    page = make_page("parked", "Parked", "parkedword")
    IndexUpdate.objects.create(model="wiki.page", object_id=str(page.pk), parked=True,
                               attempts=8, error="Traceback…\nValueError: broken markup")
    call_command("search_check")
    out = capsys.readouterr().out
    assert "parked: 1" in out and f"wiki.page:{page.pk}: ValueError: broken markup" in out
