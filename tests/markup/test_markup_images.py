"""External images are off by default: an image from another host shows as a link naming the
host (so the host never learns who reads the page), unless the host is in MARKUP_IMAGE_HOSTS."""

import pytest
from django.test import override_settings

from markup.pipeline import render_markdown

EXTERNAL = {
    "https": ("![](https://tracker.example/x.png)", "tracker.example"),
    "http": ("![pic](http://tracker.example/x.png)", "tracker.example"),
    "protocol-relative": ("![](//tracker.example/x.png)", "tracker.example"),
    "backslash": ("![](/\\tracker.example/x.png)", "tracker.example"),
    "raw html": ('<img src="https://tracker.example/x.png" alt="a">', "tracker.example"),
    "entity-encoded": ('<img src="https&#58;//tracker.example/x.png">', "tracker.example"),
    "uppercase": ("![](HTTPS://Tracker.Example/x.png)", "tracker.example"),
    "with port": ("![](https://tracker.example:8443/x.png)", "tracker.example"),
    "reference": ("![x][r]\n\n[r]: https://tracker.example/x.png", "tracker.example"),
}


@pytest.mark.parametrize("text, host", EXTERNAL.values(), ids=EXTERNAL.keys())
def test_an_image_from_another_host_is_a_link_naming_the_host(text, host):
    html = render_markdown(text).html
    assert "<img" not in html
    assert f"image on {host}" in html.lower()
    assert 'rel="nofollow noopener noreferrer"' in html


def test_the_alt_text_stays_in_the_link():
    html = render_markdown("![A map of Zuzalu](https://maps.example/z.png)").html
    assert ">A map of Zuzalu (image on maps.example)</a>" in html


def test_a_linked_outside_image_does_not_nest_links():
    html = render_markdown("[![](https://h.example/i.png)](https://h.example/)").html
    assert html.count("<a ") == 1 and "Image on h.example" in html


def test_the_sites_own_images_still_show():
    assert '<img alt="a" src="/media/a.png">' in render_markdown("![a](/media/a.png)").html


@override_settings(MARKUP_IMAGE_HOSTS=["images.example.org", "*.cdn.example.net"])
def test_hosts_in_the_allow_list_show_their_images():
    html = render_markdown(
        "![](https://images.example.org/a.png) ![](https://eu.cdn.example.net/b.png) "
        "![](https://cdn.example.net/c.png) ![](https://evilimages.example.org/d.png)"
    ).html
    assert html.count("<img") == 2
    assert "Image on cdn.example.net" in html and "Image on evilimages.example.org" in html


@pytest.mark.parametrize(("written", "shown"), [
    ("", 'width="1200" height="800"'),
    ("=600x", 'width="600" height="400"'),
    ("=x200", 'width="300" height="200"'),
    ("=500x100", 'width="500" height="100"'),
])
def test_a_writers_image_size_wins_and_the_other_side_follows(monkeypatch, written, shown):
    from markup import images

    info = images.ImageInfo(src="/files/1/w640/a.png", original="/files/1/a.png", width=1200,
                            height=800, srcset=(("/files/1/w640/a.png", 640),
                                                ("/files/1/a.png", 1200)))
    monkeypatch.setattr(images, "_describers", [lambda srcs: {"/files/1/a.png": info}])
    html = render_markdown(f"![a](/files/1/a.png {written})").html
    assert shown in html
    if written:
        width = shown.split('"')[1]
        assert f'sizes="(max-width: {width}px) 100vw, {width}px"' in html
