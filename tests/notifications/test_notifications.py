"""notify() and the notifications pages."""

import pytest
from django.core import mail

from accounts.models import Profile
from notifications.models import Notification
from notifications.service import notify

pytestmark = pytest.mark.django_db


def test_notify_writes_one_row_per_recipient_and_never_for_the_actor(user, other_user, editor):
    count = notify([other_user, editor.pk, user, other_user], actor=user, verb="replied",
                   text='alice replied to "Pop-ups"', url="/forum/t/1/")
    assert count == 2
    assert sorted(Notification.objects.values_list("recipient__username", flat=True)) == [
        "bob", "edna"]


def test_email_goes_out_after_commit_and_respects_the_setting(
        user, other_user, editor, django_capture_on_commit_callbacks):
    Profile.objects.create(user=editor, email_notifications=False)
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        notify([other_user, editor], actor=user, verb="replied", text="alice replied",
               url="/forum/t/1/")
    assert mail.outbox == []  # nothing before the transaction commits
    for callback in callbacks:
        callback()
    assert [m.to for m in mail.outbox] == [["bob@example.org"]]
    assert "http://127.0.0.1:8000/forum/t/1/" in mail.outbox[0].body
    assert mail.outbox[0].subject.startswith("[Network Societies] ")


def test_notifying_nobody_writes_nothing(user):
    assert notify([user], actor=user, verb="edited", text="x", url="/x") == 0
    assert not Notification.objects.exists()


def make_notifications(recipient, actor, n):
    for i in range(n):
        notify([recipient], actor=actor, verb="replied", text=f"reply {i}", url=f"/forum/t/{i}/")


def test_list_shows_only_my_notifications_with_bounded_queries(
        client, user, other_user, django_assert_max_num_queries):
    client.force_login(user)
    make_notifications(user, other_user, 2)
    make_notifications(other_user, user, 1)
    with django_assert_max_num_queries(12) as small:
        response = client.get("/notifications/")
    assert [n.text for n in response.context["page_obj"]] == ["reply 1", "reply 0"]
    assert "reply 0" in response.content.decode()
    make_notifications(user, other_user, 40)
    with django_assert_max_num_queries(len(small.captured_queries)):
        client.get("/notifications/")


def test_the_header_shows_the_unread_count(client, user, other_user):
    client.force_login(user)
    make_notifications(user, other_user, 3)
    header = client.get("/").content.decode().split("</header>")[0]
    assert "Notifications (3 unread)" in header
    assert '<span class="badge" aria-hidden="true">3</span>' in header


def test_opening_a_notification_marks_it_read_by_post_only(client, user, other_user):
    client.force_login(user)
    make_notifications(user, other_user, 1)
    notification = Notification.objects.get()
    assert client.get(f"/notifications/{notification.pk}/open/").status_code == 405
    response = client.post(f"/notifications/{notification.pk}/open/")
    assert response["Location"] == "/forum/t/0/"
    notification.refresh_from_db()
    assert notification.read_at is not None


def test_nobody_opens_someone_elses_notification(client, user, other_user):
    make_notifications(other_user, user, 1)
    client.force_login(user)
    assert client.post(f"/notifications/{Notification.objects.get().pk}/open/").status_code == 404


def test_an_offsite_url_is_never_followed(client, user, other_user):
    notify([user], actor=other_user, verb="x", text="x", url="https://evil.example/")
    client.force_login(user)
    response = client.post(f"/notifications/{Notification.objects.get().pk}/open/")
    assert response["Location"] == "/notifications/"


def test_mark_all_read(client, user, other_user):
    make_notifications(user, other_user, 3)
    make_notifications(other_user, user, 1)
    client.force_login(user)
    assert client.get("/notifications/read-all/").status_code == 405
    client.post("/notifications/read-all/")
    assert not Notification.objects.filter(recipient=user).unread().exists()
    assert Notification.objects.filter(recipient=other_user).unread().count() == 1


def test_notifications_need_a_login(client):
    assert client.get("/notifications/").status_code == 302
