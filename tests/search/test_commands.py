"""search_rebuild, search_check and search_sync."""

import pytest
from django.core.management import CommandError, call_command

from search.backends import get_backend
from search.index import document_for
from search.models import IndexUpdate
from wiki.editing import save_page
from wiki.models import Page

pytestmark = pytest.mark.django_db


def pages(count):
    for n in range(count):
        save_page(path=f"p{n}", title=f"Page {n}", markdown="words", author=None)


def test_rebuild_indexes_everything_searchable_in_chunks(capsys):
    pages(7)
    save_page(path="draft", title="Draft", markdown="x", author=None, published=False)
    call_command("search_rebuild", "--chunk-size", "3")
    assert get_backend().count() == 7
    assert not IndexUpdate.objects.exists()  # the rebuild covered what was queued
    assert "Indexed 7 documents" in capsys.readouterr().out


def test_check_reports_and_repairs_missing_stale_and_extra(capsys):
    pages(3)
    call_command("search_rebuild", verbosity=0)
    first, second, third = Page.objects.order_by("path")
    backend = get_backend()
    backend.delete(document_for(first).key)  # missing
    Page.objects.filter(pk=second.pk).update(title="Renamed behind the outbox's back")  # stale
    Page.objects.filter(pk=third.pk).update(published=False)  # extra
    with pytest.raises(CommandError):
        call_command("search_check")
    assert "missing: 1" in capsys.readouterr().out
    call_command("search_check", "--repair")
    call_command("search_check")
    assert "matches the database" in capsys.readouterr().out
    assert backend.count() == 2


def test_sync_applies_what_was_left_queued(capsys):
    pages(2)  # the test's transaction never commits, so the rows wait in the outbox
    assert IndexUpdate.objects.exists()
    call_command("search_sync")
    assert get_backend().count() == 2
    assert "0 left" in capsys.readouterr().out
