"""A page imported from a Wiki.js export shows its images and links its files, in a real browser:
the text kept as written (``../img/Hub%20at%20Dusk.JPG =400x``, ``/uploads/...``), the files from
the site's storage. Screenshots at 1280 and 390 px, light and dark."""

import io
import os
from pathlib import Path

import pytest
from django.core.management import call_command
from PIL import Image, ImageDraw
from playwright.sync_api import expect

from tests.e2e.conftest import DESKTOP, PHONE, wait_until_loaded

SHOTS = Path(os.environ.get("SHOTS_DIR", Path(__file__).parent / "screenshots"))
FRONT = ("---\ntitle: {title}\ndescription: Photos and maps of the hub\npublished: true\n"
         "date: 2024-12-10T18:54:09.678Z\ntags: hubs\neditor: markdown\n"
         "dateCreated: 2024-11-29T13:41:41.766Z\n---\n\n")
BODY = """# Arriving
The hub at dusk, as most people first see it:

![The hub at dusk, lights on in the workshop](../img/Hub%20at%20Dusk.JPG?v=2 =400x)

The site plan (print it, the wifi is patchy):

![Site plan with the kitchen, workshop and tents](/uploads/Site%20Plan.png)

> The [house rules](/uploads/House%20Rules.pdf) are short: read them before you arrive.
{.is-info}

Back to [the guides](../guides).
"""


def photo():
    image = Image.new("RGB", (1200, 800))
    draw = ImageDraw.Draw(image)
    for y in range(800):  # a dusk sky, dark blue to orange
        t = y / 800
        colour = (int(40 + 200 * t), int(40 + 90 * t), int(110 - 60 * t))
        draw.line([(0, y), (1200, y)], fill=colour)
    draw.rectangle([300, 430, 900, 800], fill=(35, 30, 40))
    for x in range(340, 880, 90):
        draw.rectangle([x, 500, x + 50, 560], fill=(255, 200, 90))
    out = io.BytesIO()
    image.save(out, "JPEG", quality=90)
    return out.getvalue()


def plan():
    image = Image.new("RGB", (900, 560), (236, 240, 232))
    draw = ImageDraw.Draw(image)
    for box, colour in (([60, 60, 380, 260], (31, 111, 92)), ([440, 60, 840, 260], (200, 120, 40)),
                        ([60, 320, 840, 500], (90, 110, 170))):
        draw.rectangle(box, fill=colour)
    out = io.BytesIO()
    image.save(out, "PNG")
    return out.getvalue()


@pytest.fixture
def imported(transactional_db, settings, tmp_path):
    settings.STORAGES = {**settings.STORAGES, "files": {
        "BACKEND": "django.core.files.storage.FileSystemStorage",
        "OPTIONS": {"location": str(tmp_path / "storage")},
    }}
    wiki = tmp_path / "wiki"
    for relative, data in {
        "img/Hub at Dusk.JPG": photo(),
        "uploads/Site Plan.png": plan(),
        "uploads/House Rules.pdf": b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n",
        "guides/arrival.md": (FRONT.format(title="Arriving at the hub") + BODY).encode(),
    }.items():
        (wiki / relative).parent.mkdir(parents=True, exist_ok=True)
        (wiki / relative).write_bytes(data)
    call_command("import_wikijs", str(wiki), stdout=io.StringIO(), stderr=io.StringIO())
    return wiki


@pytest.mark.parametrize("viewport", [DESKTOP, PHONE], ids=["1280", "390"])
@pytest.mark.parametrize("dark", [False, True], ids=["light", "dark"])
def test_an_imported_page_shows_its_images_and_links_its_files(
        new_page, imported, viewport, dark):
    page = new_page(viewport=viewport, dark=dark)
    errors = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.goto("/guides/arrival")
    dusk = page.get_by_role("img", name="The hub at dusk, lights on in the workshop")
    site_plan = page.get_by_role("img", name="Site plan with the kitchen, workshop and tents")
    for image in (dusk, site_plan):
        expect(image).to_be_visible()
        wait_until_loaded(image)
        assert image.get_attribute("src").startswith("/files/")
    # =400x: the writer's width, narrower on a phone's column, never wider than the screen.
    assert dusk.evaluate("i => i.width") == min(400, dusk.evaluate("i => i.parentElement."
                                                                  "parentElement.clientWidth"))
    assert page.evaluate("() => document.documentElement.scrollWidth") <= viewport["width"]
    rules = page.get_by_role("link", name="house rules")
    assert rules.get_attribute("href").startswith("/files/")
    assert page.request.get(rules.get_attribute("href")).headers["content-disposition"].startswith(
        "attachment")
    assert not errors, errors
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.evaluate("() => window.scrollTo(0, 0)")
    name = f"wikijs-assets-{viewport['width']}-{'dark' if dark else 'light'}.png"
    page.screenshot(path=str(SHOTS / name), full_page=True)


def test_the_editor_previews_the_imported_page_with_its_images(imported, login, user):
    page = login(user)
    page.goto("/wiki/edit/guides/arrival")
    preview = page.locator("[data-md-preview]")
    dusk = preview.get_by_role("img", name="The hub at dusk, lights on in the workshop")
    expect(dusk).to_be_visible()
    textarea = page.locator("textarea[name=markdown]")
    textarea.fill("Only the plan now: ![Plan again](/uploads/Site%20Plan.png)")
    again = preview.get_by_role("img", name="Plan again")
    expect(again).to_be_visible()
    assert again.get_attribute("src").startswith("/files/")
    wait_until_loaded(again)


@pytest.mark.parametrize("viewport", [DESKTOP, PHONE], ids=["1280", "390"])
@pytest.mark.parametrize("dark", [False, True], ids=["light", "dark"])
def test_an_imported_file_has_its_page(new_page, imported, viewport, dark):
    from files.models import Upload

    upload = Upload.objects.get(source_path="img/Hub at Dusk.JPG")
    page = new_page(viewport=viewport, dark=dark)
    page.goto(upload.get_absolute_url())
    expect(page.get_by_text("Imported from the wiki's img/Hub at Dusk.JPG")).to_be_visible()
    expect(page.get_by_role("link", name="Arriving at the hub")).to_be_visible()  # where used
    assert page.evaluate("() => document.documentElement.scrollWidth") <= viewport["width"]
    SHOTS.mkdir(parents=True, exist_ok=True)
    name = f"wikijs-assets-file-{viewport['width']}-{'dark' if dark else 'light'}.png"
    page.screenshot(path=str(SHOTS / name), full_page=True)
