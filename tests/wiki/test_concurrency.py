"""No lost edits: concurrent writers on PostgreSQL, and the constraint that backs the check."""

import threading

import pytest
from django.db import IntegrityError, connection, connections, transaction

from wiki.editing import EditConflict, save_page
from wiki.models import Page, Revision

BASE = "one\ntwo\nthree\nfour\nfive\n"

postgres_only = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="needs PostgreSQL for real concurrent writers"
)


def run_together(*jobs):
    """Run each job in its own thread (own database connection), starting them at once."""
    barrier = threading.Barrier(len(jobs))
    results = [None] * len(jobs)

    def run(index, job):
        try:
            barrier.wait()
            results[index] = job()
        except Exception as error:  # the test inspects what happened
            results[index] = error
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run, args=(i, job)) for i, job in enumerate(jobs)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(30)
    return results


@pytest.mark.django_db
def test_the_database_refuses_a_second_child_of_the_same_revision(user):
    """Even if save_page's check were bypassed, two revisions based on one can't both land."""
    first = save_page(path="p", title="P", markdown=BASE, author=user).revision
    save_page(path="p", title="P", markdown="theirs", author=user, base_revision=1)
    with pytest.raises(IntegrityError), transaction.atomic():
        Revision.objects.create(page=first.page, number=3, parent=first, title="P",
                                markdown="mine", created_at=first.created_at)
    with pytest.raises(IntegrityError), transaction.atomic():
        Revision.objects.create(page=first.page, number=3, parent=None, title="P",
                                markdown="a second root", created_at=first.created_at)
    assert Revision.objects.count() == 2


@pytest.mark.postgres
@postgres_only
@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize(("theirs", "mine", "overlap"), [
    (BASE.replace("one", "ONE"), BASE.replace("five", "FIVE"), False),
    (BASE.replace("three", "theirs"), BASE.replace("three", "mine"), True),
])
def test_concurrent_writers_never_overwrite_each_other(make_user, theirs, mine, overlap):
    alice, bob = make_user("alice"), make_user("bob")
    for attempt in range(3):
        path = f"p{attempt}"
        save_page(path=path, title="P", markdown=BASE, author=alice)
        results = run_together(
            lambda p=path: save_page(path=p, title="P", markdown=theirs, author=alice,
                                     base_revision=1),
            lambda p=path: save_page(path=p, title="P", markdown=mine, author=bob,
                                     base_revision=1),
        )
        saved = [r for r in results if not isinstance(r, Exception)]
        failed = [r for r in results if isinstance(r, Exception)]
        assert all(isinstance(e, EditConflict) for e in failed), failed
        assert sum(1 for r in saved if not r.merged) == 1  # exactly one plain save lands
        page = Page.objects.get(path=path)
        numbers = list(page.revisions.order_by("number").values_list("number", "parent__number"))
        if overlap:
            assert len(failed) == 1 and numbers == [(1, None), (2, 1)]
        else:
            assert not failed and numbers == [(1, None), (2, 1), (3, 2)]
            assert page.current_revision.markdown == "ONE\ntwo\nthree\nfour\nFIVE\n"


@pytest.mark.postgres
@postgres_only
@pytest.mark.django_db(transaction=True)
def test_concurrent_creation_of_the_same_page(make_user):
    alice, bob = make_user("alice"), make_user("bob")
    results = run_together(
        lambda: save_page(path="new", title="N", markdown="alice\n", author=alice, base_revision=0),
        lambda: save_page(path="new", title="N", markdown="bob\n", author=bob, base_revision=0),
    )
    assert sum(1 for r in results if isinstance(r, EditConflict)) == 1, results
    assert Page.objects.get(path="new").revisions.count() == 1
