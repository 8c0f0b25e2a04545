"""Twenty posts share a thread page: their footnotes and headings must not share ids."""

import re

import pytest

from forum import actions

pytestmark = pytest.mark.django_db


def test_footnotes_of_two_posts_on_one_page_have_their_own_ids(client, thread, other_user):
    for claim, source in (("First", "A"), ("Second", "B")):
        actions.reply(thread_id=thread.pk, author=other_user,
                      body=f"{claim} claim.[^1]\n\n[^1]: Source {source}.")

    html = client.get(thread.get_absolute_url()).content.decode()

    footnote_ids = re.findall(r'<li id="([^"]*fn:1)"', html)
    assert len(footnote_ids) == 2 and footnote_ids[0] != footnote_ids[1]
    for note_id in footnote_ids:
        assert f'href="#{note_id}"' in html
