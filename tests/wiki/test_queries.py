"""Query counts stay bounded whatever the number of revisions, links, tags and pages."""

import pytest
from django.urls import reverse

from wiki.editing import save_page
from wiki.models import Page, PageLink, Revision, Tag


def build(user, size):
    """A page with ``size`` revisions, outgoing links (half to missing pages), tags and
    backlinks."""
    if size > 1:
        page = save_page(path="big", title="Big", markdown="v1", author=user).page
        revision = page.current_revision
        for n in range(2, size):  # direct inserts: only the number of rows matters here
            revision = Revision.objects.create(
                page=page, number=n, parent=revision, title="Big", markdown=f"v{n}",
                author=user, created_at=page.created_at,
            )
        Page.objects.filter(pk=page.pk).update(current_revision=revision)
    links = "\n".join(f"- [l{i}](/target-{i})" for i in range(size))
    save_page(path="big", title="Big", markdown=links, author=user,
              tags=[f"tag {i}" for i in range(size)])
    when = Page.objects.get(path="big").created_at
    Page.objects.bulk_create(
        [Page(path=f"target-{i}", path_key=f"target-{i}", title=f"T{i}", created_at=when,
              updated_at=when) for i in range(0, size, 2)]
        + [Page(path=f"source-{i}", path_key=f"source-{i}", title=f"S{i}", created_at=when,
                updated_at=when) for i in range(size)]
    )
    PageLink.objects.bulk_create(
        PageLink(source=source, target_path="big")
        for source in Page.objects.filter(path__startswith="source-")
    )
    page = Page.objects.get(path="big")
    assert page.revisions.count() == size and page.tags.count() == size
    assert page.outgoing_links.count() == size
    return page


@pytest.mark.django_db
@pytest.mark.parametrize("size", [1, 200])
def test_a_page_view_makes_at_most_10_queries(client, user, size, django_assert_max_num_queries):
    """The page (any case); whether a concept owns its path; linked pages, and concepts for the
    links no page answers (red links); backlinks; tags; translations; its place in the taxonomy;
    its discussion count; its branch of the page tree."""
    build(user, size)
    with django_assert_max_num_queries(10):
        response = client.get("/big")
    assert response.status_code == 200
    body = response.content.decode()
    assert body.count('class="redlink"') == size // 2
    assert Tag.objects.count() == size


@pytest.mark.django_db
@pytest.mark.parametrize("size", [1, 200])
def test_signed_in_page_view_stays_bounded(client, moderator, size, django_assert_max_num_queries):
    build(moderator, size)
    client.force_login(moderator)
    with django_assert_max_num_queries(16):  # 14, the page tree, and the header's forum count
        response = client.get("/big")
    assert response.status_code == 200 and "Watching" in response.content.decode()


@pytest.mark.django_db
@pytest.mark.parametrize("size", [1, 150])
def test_lists_and_history_stay_bounded(client, user, size, django_assert_max_num_queries):
    build(user, size)
    for name, args in [("wiki:page_list", []), ("wiki:tree", []), ("wiki:history", ["big"]),
                       ("wiki:backlinks", ["big"])]:
        with django_assert_max_num_queries(6):
            assert client.get(reverse(name, args=args)).status_code == 200
    with django_assert_max_num_queries(6):
        assert client.get(reverse("wiki:diff", args=["big"])).status_code == 200
    assert Revision.objects.filter(page__path="big").count() == size
