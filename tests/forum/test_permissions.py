"""The object checks and the queryset filters of forum.permissions agree."""

from forum import actions, permissions
from forum.models import Thread


def test_visible_to_agrees_with_can_view_thread(make_thread, user, other_user, moderator, client):
    from django.contrib.auth.models import AnonymousUser

    shown = make_thread(title="Shown", token="a")
    hidden = make_thread(title="Hidden", token="b")
    actions.moderate_thread(thread_id=hidden.pk, moderator=moderator, action="hide")
    for person in [AnonymousUser(), user, other_user, moderator]:
        listed = set(Thread.objects.visible_to(person))
        checked = {t for t in Thread.objects.all() if permissions.can_view_thread(person, t)}
        assert listed == checked
        assert shown in listed
    assert hidden in set(Thread.objects.visible_to(moderator))
    assert hidden not in set(Thread.objects.visible_to(user))


def test_post_visibility_queryset_agrees_with_the_body_check(thread, user, other_user, moderator):
    from django.contrib.auth.models import AnonymousUser

    from forum.models import Post

    deleted = actions.reply(thread_id=thread.pk, author=other_user, body="oops")
    actions.delete_post(post_id=deleted.pk, user=other_user)
    hidden = actions.reply(thread_id=thread.pk, author=other_user, body="spam")
    actions.moderate_post(post_id=hidden.pk, moderator=moderator, hidden=True)
    visible = set(Post.objects.visible())
    assert visible == {p for p in Post.objects.all()
                       if permissions.can_view_post_body(AnonymousUser(), p)}
    assert deleted not in visible and hidden not in visible
