"""The issue's done-when checks, on the content a fresh clone gets from `make run`."""

import pytest
from django.core.management import call_command
from django.urls import reverse

from forum.models import Post, Thread
from search.outbox import drain

pytestmark = pytest.mark.django_db
URL = reverse("search:search")


@pytest.fixture
def default_content():
    call_command("load_default_content", stdout=open("/dev/null", "w"))  # noqa: SIM115
    drain()


def test_chiang_mai_finds_the_example_and_the_founding_page(client, default_content):
    html = client.get(URL, {"q": "Chiang Mai"}).content.decode()
    assert 'href="/examples/chiang-mai-archipelago-2024/"' in html
    assert 'href="/network-societies"' in html


def test_a_forum_word_finds_its_post_and_a_hidden_post_is_never_found(
        client, default_content):
    thread = Thread.objects.get(title__icontains="taxonomy")
    post = Post.objects.create(thread=thread, number=thread.posts.count() + 1,
                               body="Vanuatu charter pods deserve a category",
                               html="<p>Vanuatu charter pods deserve a category</p>")
    hidden = Post.objects.create(thread=thread, number=post.number + 1,
                                 body="Moderated xylophonist spam",
                                 html="<p>Moderated xylophonist spam</p>", hidden=True)
    drain()
    html = client.get(URL, {"q": "vanuatu"}).content.decode()
    assert f'href="{post.get_absolute_url()}"' in html
    assert thread.title in html
    assert 'class="search-result"' not in client.get(URL, {"q": "xylophonist"}).content.decode()
    assert hidden.text()  # it has text, and still is not found


@pytest.mark.parametrize("text", ['"unclosed', "((", "OR OR", "-", "*", "\x00"])
def test_malformed_queries_answer_with_a_message(client, default_content, text):
    response = client.get(URL, {"q": text})
    assert response.status_code == 200
    assert b"message--warning" in response.content or b"How to search" in response.content
