"""Discussion everywhere: threads about examples and wiki pages (``discussions``), on their own
page and on the boards where they belong, with watching, refiling and the migration."""

import io

import pytest
from django.urls import reverse

from forum import actions
from forum.models import SubjectSubscription, Thread
from notifications.models import Notification
from taxonomy import default_content, editing
from taxonomy.models import Example, TaxonomyNode
from wiki.editing import save_page

pytestmark = pytest.mark.django_db


@pytest.fixture
def tree(db):
    default_content.load(io.StringIO())
    return {node.path: node for node in TaxonomyNode.objects.all()}


@pytest.fixture
def chiang_mai(tree):
    return Example.objects.get(slug="chiang-mai-archipelago-2024")


def board(client, node):
    return client.get(reverse("forum:node", args=[node.pk])).content.decode()


def test_a_thread_about_an_example_is_on_the_example_and_the_boards_of_its_categories(
        client, user, tree, chiang_mai):
    thread = actions.start_thread(subject=chiang_mai, author=user, title="Was it a village?",
                                  body="Or an archipelago?")
    assert (thread.subject_kind, thread.subject_id) == ("example", chiang_mai.pk)
    assert thread.node == tree["small/pop-up-villages"]  # its first category is its home board
    example_page = client.get(chiang_mai.get_absolute_url()).content.decode()
    assert "Was it a village?" in example_page
    for path in ["small/pop-up-villages", "large/archipelagos", "small", "large"]:
        assert "Was it a village?" in board(client, tree[path]), path
    for path in ["small/hubs", "medium", ""]:
        assert "Was it a village?" not in board(client, tree[path]), path
    talk = client.get(reverse("forum:subject", args=["example", chiang_mai.pk]))
    assert "Was it a village?" in talk.content.decode()
    header = client.get(thread.get_absolute_url()).content.decode()
    assert f'About the example <a href="{chiang_mai.get_absolute_url()}">' in header
    # Each board counts it once, and so does the scale above both of its categories' boards.
    counts = {n.path: n.thread_count for n in TaxonomyNode.objects.with_counts()}
    assert counts["small/pop-up-villages"] == counts["large/archipelagos"] == 1
    assert counts["small"] == counts["large"] == 1 and counts["medium"] == 0


def test_reclassifying_an_example_moves_its_threads_between_boards(client, user, tree,
                                                                   chiang_mai, editor):
    actions.start_thread(subject=chiang_mai, author=user, title="Where does it go?", body="?")
    editing.save_example(chiang_mai, user=editor, nodes=[tree["small/hubs"]])
    assert "Where does it go?" in board(client, tree["small/hubs"])
    assert "Where does it go?" not in board(client, tree["large/archipelagos"])


def test_a_thread_about_a_page_is_on_the_page_and_on_its_categorys_board_else_general(
        client, user, tree):
    plain = save_page(path="guides/visas", title="Visas", markdown="x", author=user).page
    article = save_page(path="network-societies/startup-cities", title="Startup cities",
                        markdown="x", author=user).page
    about_plain = actions.start_thread(subject=plain, author=user, title="Visa runs?", body="?")
    about_article = actions.start_thread(subject=article, author=user, title="Prospera?",
                                         body="?")
    assert about_plain.node == tree[""]
    assert "Visa runs?" in board(client, tree[""])
    # The article of "Startup cities" (its default article path) is on that category's board.
    assert about_article.node == tree["medium/startup-cities"]
    assert "Prospera?" in board(client, tree["medium/startup-cities"])
    page = client.get("/guides/visas").content.decode()
    assert 'Discussion <span class="pill">1</span>' in page
    talk = client.get(reverse("forum:subject", args=["page", plain.pk])).content.decode()
    assert "Visa runs?" in talk and "Prospera?" not in talk


def test_the_page_view_counts_discussions_for_one_more_query(client, user, tree,
                                                            django_assert_num_queries):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    page = save_page(path="guides/visas", title="Visas", markdown="x", author=user).page
    with CaptureQueriesContext(connection) as before:
        client.get("/guides/visas")
    for i in range(5):
        actions.start_thread(subject=page, author=user, title=f"T{i}", body="?")
    with django_assert_num_queries(len(before.captured_queries)):
        html = client.get("/guides/visas").content.decode()
    assert 'Discussion <span class="pill">5</span>' in html
    assert sum("forum_thread" in q["sql"] for q in before.captured_queries) == 1


def test_a_hidden_thread_is_not_counted_or_listed_for_readers(client, user, moderator, tree,
                                                              chiang_mai):
    thread = actions.start_thread(subject=chiang_mai, author=user, title="Spam", body="spam")
    actions.moderate_thread(thread_id=thread.pk, moderator=moderator, action="hide")
    assert "Spam" not in client.get(chiang_mai.get_absolute_url()).content.decode()
    counts = {n.path: n.thread_count for n in TaxonomyNode.objects.with_counts()}
    assert counts["large/archipelagos"] == 0
    client.force_login(moderator)
    assert "Spam" in client.get(chiang_mai.get_absolute_url()).content.decode()


def test_starting_a_discussion_from_the_example_needs_sign_in_and_csrf(client, user, tree,
                                                                       chiang_mai):
    url = reverse("forum:subject_new", args=["example", chiang_mai.pk])
    response = client.get(url)
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]
    client.force_login(user)
    form = client.get(url + "?title=Suggested%20example:%20").content.decode()
    assert 'value="Suggested example: "' in form and "autofocus" in form
    response = client.post(url, {"title": "Size?", "body": "How many came?"})
    thread = Thread.objects.get(title="Size?")
    assert response.status_code == 302 and response["Location"] == thread.get_absolute_url()
    assert thread.subject_kind == "example"
    from django.test import Client

    strict = Client(enforce_csrf_checks=True)
    strict.force_login(user)
    assert strict.post(url, {"title": "No token", "body": "x"}).status_code == 403


def test_unknown_retired_or_unreadable_subjects_are_404(client, user, tree, chiang_mai, editor):
    assert client.get(reverse("forum:subject", args=["nothing", 1])).status_code == 404
    assert client.get(reverse("forum:subject", args=["example", 99999])).status_code == 404
    editing.retire_example(chiang_mai, user=editor)
    assert client.get(reverse("forum:subject", args=["example", chiang_mai.pk])).status_code == 404
    draft = save_page(path="drafts/mine", title="Mine", markdown="x", author=editor,
                      published=False).page
    assert client.get(reverse("forum:subject", args=["page", draft.pk])).status_code == 404
    node = tree["small/hubs"]
    response = client.get(reverse("forum:subject", args=["node", node.pk]))
    assert response.status_code == 301 and response["Location"] == f"/forum/n/{node.pk}/"


def test_watching_an_example_tells_about_new_threads(client, user, make_user, tree, chiang_mai):
    watcher = make_user("watcher")
    client.force_login(watcher)
    url = reverse("forum:subject_watch", args=["example", chiang_mai.pk])
    client.post(url, {"watch": "1"})
    assert SubjectSubscription.objects.filter(user=watcher, subject_id=chiang_mai.pk).exists()
    actions.start_thread(subject=chiang_mai, author=user, title="Dates?", body="When?")
    assert Notification.objects.filter(recipient=watcher).count() == 1
    client.post(url, {"watch": "0"})
    assert not SubjectSubscription.objects.filter(user=watcher).exists()


def test_moving_a_thread_keeps_it_on_its_subjects_boards(client, user, moderator, tree,
                                                         chiang_mai):
    thread = actions.start_thread(subject=chiang_mai, author=user, title="Moved", body="x")
    actions.move_thread(thread_id=thread.pk, moderator=moderator, node=tree["medium"])
    assert "Moved" in board(client, tree["medium"])
    assert "Moved" in board(client, tree["large/archipelagos"])
    node_thread = actions.start_thread(node=tree["small/hubs"], author=user, title="Hubs?",
                                       body="x")
    actions.move_thread(thread_id=node_thread.pk, moderator=moderator, node=tree["small"])
    node_thread.refresh_from_db()
    assert node_thread.subject_id == tree["small"].pk
    assert list(node_thread.boards.all()) == [tree["small"]]


def test_new_thread_from_the_forum_index_chooses_the_board(client, user, tree):
    client.force_login(user)
    html = client.get(reverse("forum:index")).content.decode()
    assert f'href="{reverse("forum:choose_board")}"' in html
    chooser = client.get(reverse("forum:choose_board")).content.decode()
    assert "General discussion" in chooser and "Pop-up villages" in chooser
    hubs = tree["small/hubs"]
    response = client.get(reverse("forum:choose_board") + f"?board={hubs.pk}")
    assert response["Location"] == reverse("forum:new_thread", args=[hubs.pk])
    assert "Choose one of the boards" in client.get(
        reverse("forum:choose_board") + "?board=999999").content.decode()


def test_a_category_taking_a_page_as_its_article_takes_the_pages_threads(client, user, tree,
                                                                       editor):
    page = save_page(path="guides/hubs", title="Hubs guide", markdown="x", author=user).page
    actions.start_thread(subject=page, author=user, title="Which hub?", body="?")
    hubs = tree["small/hubs"]
    assert "Which hub?" not in board(client, hubs)
    editing.update_node(hubs, user=editor, page_path="guides/hubs")
    assert "Which hub?" in board(client, hubs)
    assert "Which hub?" not in board(client, tree[""])
    editing.update_node(TaxonomyNode.objects.get(pk=hubs.pk), user=editor, page_path="")
    assert "Which hub?" not in board(client, hubs)
    assert "Which hub?" in board(client, tree[""])


def test_the_watchlist_lists_watched_discussions_in_bounded_queries(client, user, tree,
                                                                    chiang_mai,
                                                                    django_assert_max_num_queries):
    from forum.watching import watched_subjects

    pages = [save_page(path=f"guides/g{i}", title=f"Guide {i}", markdown="x", author=user).page
             for i in range(5)]
    for page in pages:
        actions.set_subject_watch(user, "page", page.pk, True)
    actions.set_subject_watch(user, "example", chiang_mai.pk, True)
    # Subscriptions, one query per kind, and the person's roles (who may read what).
    with django_assert_max_num_queries(4):
        items = watched_subjects(user)
    assert [str(i["subject"]) for i in items][:2] == ["Chiang Mai Archipelago 2024", "Guide 0"]
    client.force_login(user)
    html = client.get(reverse("accounts:watching")).content.decode()
    assert "Discussions of examples and pages" in html and "Guide 4" in html


def test_a_thread_about_a_draft_does_not_name_it_to_others(client, user, make_user, tree):
    draft = save_page(path="drafts/secret", title="Secret plan", markdown="x", author=user,
                      published=False).page
    thread = actions.start_thread(subject=draft, author=user, title="About my draft", body="x")
    client.force_login(make_user("other"))
    html = client.get(thread.get_absolute_url()).content.decode()
    assert "About my draft" in html and "Secret plan" not in html
    client.force_login(user)
    assert "Secret plan" in client.get(thread.get_absolute_url()).content.decode()
