"""What only some people may see stays with them: unpublished and deleted pages (and their
history, diffs, revisions, feeds, links), hidden threads and posts, retired taxonomy entries.
Nobody else gets them from any route, nor from lists, feeds or search."""

import pytest
from django.test import Client

WORDS = ("secret-hidden-post-words", "secret-hidden-thread-words", "draft-only-words",
         "deleted-only-words")


@pytest.fixture
def secrets(world, django_capture_on_commit_callbacks):
    """Give the draft and the deleted page words found nowhere else (and index them)."""
    from wiki.editing import save_page
    from wiki.models import Page

    with django_capture_on_commit_callbacks(execute=True):
        save_page(path="hostile/draft", title="Draft", markdown="draft-only-words",
                  author=world["author"], published=False)
        deleted = Page.objects.get(path="hostile/deleted")
        deleted.deleted_at = None
        deleted.save()
        save_page(path="hostile/deleted", title="Deleted", markdown="deleted-only-words",
                  author=world["author"])
        from wiki.editing import delete_page

        delete_page(Page.objects.get(pk=deleted.pk), by=None)
    return world


def _private_urls(w):
    thread, post = w["hidden_thread"], w["hidden_thread"].posts.first()
    urls = []
    for path in ("hostile/draft", "hostile/deleted"):
        urls += [f"/{path}", f"/wiki/history/{path}", f"/wiki/history/{path}/1/",
                 f"/wiki/diff/{path}/?from=1&to=2", f"/wiki/history/{path}/feed/",
                 f"/wiki/links/{path}", f"/wiki/edit/{path}", f"/wiki/move/{path}"]
    urls += [f"/forum/t/{thread.pk}/", f"/forum/t/{thread.pk}/feed/",
             f"/forum/t/{thread.pk}/unread/", f"/forum/t/{thread.pk}/reply/",
             f"/forum/p/{post.pk}/", f"/forum/p/{post.pk}/history/",
             f"/forum/p/{post.pk}/flag/", "/taxonomy/small/old/", "/taxonomy/small/old.json"]
    return urls


PUBLIC_LISTS = [
    "/", "/recent/", "/recent/feed/", "/wiki/pages/", "/wiki/tree/", "/tags/", "/tags/xss/",
    "/forum/", "/taxonomy/", "/taxonomy.json", "/taxonomy/small/villages/", "/u/villain/",
    "/u/author/", "/search/?q=secret", "/search/?q=secret-hidden-post-words",
    "/search/?q=draft-only-words", "/search/?q=deleted-only-words", "/search/suggest/?q=dra",
]


def _forum_lists(w):
    node = w["node"]
    return [f"/forum/n/{node.pk}/", f"/forum/n/{node.pk}/feed/",
            f"/forum/t/{w['thread'].pk}/", f"/forum/t/{w['thread'].pk}/feed/"]


@pytest.mark.parametrize("who", ["anon", "stranger"])
def test_private_things_are_not_found_by_others(secrets, make_user, who):
    client = Client()
    if who == "stranger":
        client.force_login(make_user("stranger"))
    for target in _private_urls(secrets):
        response = client.get(target)
        body = response.content.decode()
        # The missing-page offer (404) may say the path is taken, never show the text.
        assert response.status_code in (302, 403, 404), (target, response.status_code)
        if response.status_code == 302:
            assert response["Location"].startswith("/accounts/login/"), target
        assert not any(word in body for word in WORDS), target


@pytest.mark.parametrize("who", ["anon", "stranger", "editor"])
def test_lists_feeds_and_search_never_leak(secrets, make_user, who):
    client = Client()
    if who != "anon":
        client.force_login(make_user(who, *(["Editors"] if who == "editor" else [])))
    for target in PUBLIC_LISTS + _forum_lists(secrets):
        response = client.get(target)
        assert response.status_code == 200, target
        # The search page repeats the query; what it found is what matters.
        body = response.content.decode().replace(target.partition("q=")[2] or "\0", "")
        assert not any(word in body for word in WORDS), target
        assert "Old &lt;script" not in body or who == "editor", target  # the retired node


def test_moderators_do_see_them(secrets):
    """The control: the routes above do serve the private things, to a Moderator."""
    client = Client()
    client.force_login(secrets["moderator"])
    hidden_feed = f"/forum/t/{secrets['hidden_thread'].pk}/feed/"
    for target in _private_urls(secrets):
        if "/reply/" in target or "/flag/" in target or target == hidden_feed or (
            "deleted" in target and ("/edit/" in target or "/move/" in target)
        ):
            # Hidden threads take no replies and have no feed (feeds are for everyone); deleted
            # pages take no edits; not even from moderators.
            continue
        assert client.get(target).status_code in (200, 302), target
    thread = client.get(f"/forum/t/{secrets['thread'].pk}/").content.decode()
    assert "secret-hidden-post-words" in thread


def test_the_author_sees_their_own_draft_but_not_the_deleted_page(secrets):
    client = Client()
    client.force_login(secrets["author"])
    assert "draft-only-words" in client.get("/hostile/draft").content.decode()
    assert client.get("/hostile/deleted").status_code == 404


def test_search_finds_public_words(secrets):
    """The control for the search checks: indexing works, so absence above means filtering."""
    body = Client().get("/search/?q=Reply").content.decode()
    assert "Edited" in body or "Reply" in body


@pytest.mark.parametrize("who", ["anon", "stranger"])
def test_a_hidden_post_is_neither_quoted_nor_shown_in_its_history(secrets, make_user, who):
    from forum import actions

    hidden = secrets["hidden_post"]
    # Its author edits it first, so the history has an earlier version to leak.
    hidden.hidden = False
    hidden.save(update_fields=["hidden"])
    actions.edit_post(post_id=hidden.pk, editor=secrets["villain"],
                      body="secret-hidden-post-words again")
    hidden.hidden = True
    hidden.save(update_fields=["hidden"])
    client = Client()
    if who == "stranger":
        client.force_login(make_user("stranger"))
    thread = secrets["thread"].pk
    for target in [f"/forum/t/{thread}/reply/?quote={hidden.pk}", f"/forum/p/{hidden.pk}/history/",
                   f"/forum/t/{thread}/", f"/forum/t/{thread}/feed/", "/u/villain/"]:
        body = client.get(target).content.decode()
        assert "secret-hidden-post-words" not in body, target
