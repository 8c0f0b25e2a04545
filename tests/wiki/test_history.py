"""History, old revisions, diffs and revert; every one of them checks read permission."""

import pytest
from django.urls import reverse

from wiki.editing import save_page
from wiki.models import Page, Revision


@pytest.fixture
def page(user, other_user):
    save_page(path="p", title="P", markdown="one\ntwo\n", author=user, summary="start")
    save_page(path="p", title="P2", markdown="one\n2 <b>\n", author=other_user, summary="numbers",
              tags=["x"])
    return Page.objects.get(path="p")


@pytest.mark.django_db
class TestHistory:
    def test_lists_revisions_with_author_summary_and_size_change(self, client, page):
        body = client.get(reverse("wiki:history", args=["p"])).content.decode()
        assert "start" in body and "numbers" in body and "alice" in body and "bob" in body
        assert "+8" in body and "-1" in body  # 8 chars, then 7: one\ntwo\n → one\n2 <b>\n
        assert 'href="/wiki/diff/p/?from=1&amp;to=2"' in body

    def test_an_old_revision_is_viewable(self, client, page):
        response = client.get(reverse("wiki:revision", args=["p", 1]))
        body = response.content.decode()
        assert response.status_code == 200 and "two" in body and "old revision (1)" in body
        assert client.get(reverse("wiki:revision", args=["p", 9])).status_code == 404

    def test_diff_is_escaped_and_marks_changed_words(self, client, page):
        body = client.get(reverse("wiki:diff", args=["p"]), {"from": 1, "to": 2}).content.decode()
        assert "<del>two</del>" in body and "<ins>2 &lt;b&gt;</ins>" in body
        assert "<b>" not in body.split('class="diff')[1]
        assert "Title" in body and "P2" in body  # title change listed too

    def test_diff_defaults_and_bad_numbers(self, client, page):
        assert "<ins>" in client.get(reverse("wiki:diff", args=["p"])).content.decode()
        first = client.get(reverse("wiki:diff", args=["p"]), {"from": 0, "to": 1})
        assert first.status_code == 200 and "an empty page" in first.content.decode()
        for bad in ({"from": "x"}, {"to": 99}, {"from": 5, "to": 1}):
            assert client.get(reverse("wiki:diff", args=["p"]), bad).status_code == 404

    def test_revert_is_a_post_that_writes_a_new_revision(self, client, user, page):
        url = reverse("wiki:revert", args=["p", 1])
        client.force_login(user)
        assert client.get(url).status_code == 405
        response = client.post(url)
        assert response.status_code == 302
        page.refresh_from_db()
        assert page.current_revision.number == 3 and page.current_revision.markdown == "one\ntwo\n"
        assert page.title == "P" and list(page.tags.all()) == []
        assert Revision.objects.get(page=page, number=2).markdown == "one\n2 <b>\n"

    def test_anonymous_cannot_revert(self, client, page):
        assert client.post(reverse("wiki:revert", args=["p", 1])).status_code == 403
        assert page.revisions.count() == 2

    @pytest.mark.parametrize("name", ["history", "revision", "diff", "revert"])
    def test_every_history_view_checks_read_permission(self, client, make_user, name):
        author = make_user("writer")
        save_page(path="secret", title="S", markdown="a", author=author, published=False)
        save_page(path="secret", title="S", markdown="b", author=author, published=False)
        args = {"history": ["secret"], "diff": ["secret"]}.get(name, ["secret", 1])
        url = reverse(f"wiki:{name}", args=args)
        assert (client.post if name == "revert" else client.get)(url).status_code == 404
        client.force_login(make_user("stranger"))
        assert (client.post if name == "revert" else client.get)(url).status_code == 404
        assert Revision.objects.filter(page__path="secret").count() == 2
