"""Where threads are listed: each thread's boards, from its subject (``discussions``).

A thread about a category is on that category's board; about an example, on the boards of the
example's categories; about a page, on the board of the category it is the article of, else in
the general discussion. Its home board (``Thread.node``, where it was started or moved to) is
always one of them. Boards are stored (``Thread.boards``) so a board lists and counts its threads
in one query, and filed again when a subject's owner says its boards changed.
"""

from django.db.models import Q

import discussions

from .models import Thread


def subject_of(thread):
    """The object the thread is about (None once it is gone)."""
    kind = discussions.subject(thread.subject_kind)
    if kind is None or thread.subject_id is None:
        return None
    return kind.lookup(thread.subject_id)


def boards_for(kind, obj):
    """The boards threads about ``obj`` belong on, its home board first (the taxonomy answers
    the general discussion when nothing else fits)."""
    return [node for node in discussions.boards_of(kind, obj) if node is not None]


def file(thread, boards):
    """List ``thread`` on its home board and ``boards``, and nowhere else."""
    wanted = {thread.node_id, *(node.pk for node in boards)}
    thread.boards.set(wanted)


def refile(kind, pks=(), board=None):
    """File again every thread about these subjects, and those about this kind on ``board``."""
    subject = discussions.subject(kind)
    if subject is None:
        return
    about = Q(subject_id__in=list(pks))
    if board is not None:
        about |= Q(boards=board)
    threads = Thread.objects.filter(about, subject_kind=kind).distinct()
    for thread in threads.order_by("subject_id"):
        obj = subject.lookup(thread.subject_id)
        if obj is None:
            continue
        boards = boards_for(kind, obj)
        if boards and thread.node_id not in {node.pk for node in boards}:
            # Its home board no longer fits the subject: it moves to where it now belongs.
            thread.node = boards[0]
            thread.save(update_fields=["node"])
        file(thread, boards)


def on_boards_changed(sender, kind, pks=(), board=None, **kwargs):
    refile(kind, pks, board)
