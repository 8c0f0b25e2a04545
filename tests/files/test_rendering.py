"""Uploaded images in pages, posts and descriptions: size, thumbnails, alt text, queries."""

import io

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from files.services import ingest
from markup import render_markdown
from wiki.editing import save_page

from . import corpus

pytestmark = pytest.mark.django_db


def make_images(count, user=None, **kwargs):
    return [
        ingest(io.BytesIO(corpus.png(700 + i, 350)), name=f"photo-{i}.png", user=user,
               description=f"Photo number {i}", check_limits=False, **kwargs)
        for i in range(count)
    ]


def test_an_uploaded_image_gets_size_srcset_lazy_loading_and_a_link_to_the_original(storage_dir):
    (photo,) = make_images(1)
    html = render_markdown(f"Look:\n\n![]({photo.file_url()})").html
    url = photo.file_url()
    assert f'<a class="image-link" href="{url}"><img alt="Photo number 0"' in html
    assert f'src="/files/{photo.pk}/w640/photo-0.png"' in html
    assert f'srcset="/files/{photo.pk}/w320/photo-0.png 320w, /files/{photo.pk}/w640/photo-0.png ' \
           f'640w, {url} 700w"' in html
    assert 'width="700" height="350" loading="lazy" decoding="async"' in html


def test_the_writers_alt_text_wins_and_links_are_not_nested(storage_dir):
    (photo,) = make_images(1)
    html = render_markdown(f'[![Our map]({photo.file_url()} "Map")](https://example.org)').html
    assert html.count("<a ") == 1 and 'alt="Our map"' in html and 'title="Map"' in html
    assert 'loading="lazy"' in html


def test_images_from_elsewhere_or_deleted_uploads_are_left_as_they_are(storage_dir, moderator):
    from files.services import delete

    (photo,) = make_images(1)
    delete(photo, user=moderator)
    html = render_markdown(f"![x]({photo.file_url()}) ![y](/static/img/favicon.svg)").html
    assert "srcset" not in html and "loading" not in html


def test_hostile_descriptions_are_escaped(storage_dir):
    photo = ingest(io.BytesIO(corpus.png()), name="a.png", user=None,
                   description='"><script>alert(1)</script>', check_limits=False)
    html = render_markdown(f"![]({photo.file_url()})").html
    assert "<script" not in html and 'alt="&quot;&gt;&lt;script&gt;' in html
    html = render_markdown(photo.markdown()).html
    assert "<script" not in html


def test_rendering_twenty_images_is_one_query(storage_dir):
    images = make_images(20)
    text = "\n\n".join(upload.markdown() for upload in images)
    with CaptureQueriesContext(connection) as queries:
        html = render_markdown(text).html
    assert len(queries) == 1
    assert html.count('loading="lazy"') == 20


def _page_queries(client, count, path):
    images = make_images(count)
    body = "\n\n".join(f"Paragraph {i}.\n\n{upload.markdown()}" for i, upload in enumerate(images))
    save_page(path=path, title=f"Gallery {count}", markdown=body, author=None)
    client.get("/" + path)  # the first view may store the rendered HTML
    with CaptureQueriesContext(connection) as queries:
        response = client.get("/" + path)
    html = response.content.decode()
    assert html.count('loading="lazy"') == count
    assert html.count('alt="Photo number') == count
    return len(queries)


def test_a_page_with_20_images_makes_as_many_queries_as_one_with_1(client, storage_dir):
    assert _page_queries(client, 20, "gallery/big") == _page_queries(client, 1, "gallery/small")


def test_a_forum_thread_with_images_is_constant_too(client, storage_dir, user, make_user):
    from forum.actions import reply, start_thread
    from taxonomy.models import TaxonomyNode

    node = TaxonomyNode.objects.create(name="Pop-ups", slug="pop-ups", kind="category")
    counts = []
    for n in (1, 10):
        images = make_images(n)
        thread = start_thread(node=node, author=user, title=f"Photos {n}", body="Ours:")
        for upload in images:
            reply(thread_id=thread.pk, author=user, body=f"Here:\n\n{upload.markdown()}")
        client.get(thread.get_absolute_url())
        with CaptureQueriesContext(connection) as queries:
            html = client.get(thread.get_absolute_url()).content.decode()
        assert html.count('loading="lazy"') == n
        counts.append(len(queries))
    assert counts[0] == counts[1]


def test_where_used_lists_pages_posts_and_covers(client, storage_dir, user, editor):
    from files.services import set_cover
    from files.usage import uses_of
    from taxonomy.models import Example

    (photo,) = make_images(1)
    save_page(path="places/square", title="The square", markdown=photo.markdown(), author=user)
    example = Example.objects.create(name="Village", slug="village")
    set_cover(example, photo, user=editor)
    found = {(use.kind, use.title) for use in uses_of(photo)}
    assert found == {("Page", "The square"), ("Example cover", "Village")}
    client.force_login(user)
    html = client.get(photo.get_absolute_url()).content.decode()
    assert "The square" in html and "Village" in html


def test_a_new_version_has_the_pages_showing_it_rendered_again(client, storage_dir, user,
                                                                make_file,
                                                                django_capture_on_commit_callbacks):
    from files.services import add_version
    from forum.actions import start_thread
    from taxonomy.models import TaxonomyNode

    (photo,) = make_images(1)
    save_page(path="places/square", title="The square", markdown=photo.markdown(), author=user)
    node = TaxonomyNode.objects.create(name="Hubs", slug="hubs", kind="category",
                                       description=photo.markdown())
    node.refresh_html()
    node.save()
    thread = start_thread(node=node, author=user, title="Pictures", body=photo.markdown())
    assert 'width="700" height="350"' in client.get("/places/square").content.decode()

    with django_capture_on_commit_callbacks(execute=True):
        add_version(photo, make_file(corpus.png(400, 400)), user=user)
    assert 'width="400" height="400"' in client.get("/places/square").content.decode()
    assert 'width="400" height="400"' in client.get(thread.get_absolute_url()).content.decode()
    node.refresh_from_db()
    assert not node.html_is_stale  # rendered by the markup task, not by a GET
    assert 'width="400" height="400"' in node.current_html()
