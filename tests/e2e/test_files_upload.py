"""In chromium: paste an image into the page editor, describe it, see it in the preview, save,
and the page shows it with its alt text and thumbnails; drop an image into a forum reply."""

import base64
import re

import pytest
from playwright.sync_api import expect

from files.models import Upload
from forum.actions import start_thread
from tests.e2e.conftest import PHONE, wait_until_loaded
from tests.files import corpus
from wiki.editing import save_page

pytestmark = pytest.mark.django_db(transaction=True)

# Builds a File from base64 in the page and sends it as a paste or a drop, as a browser would.
SEND_FILE = """([selector, kind, b64, name]) => {
  const bytes = Uint8Array.from(atob(b64), c => c.charCodeAt(0));
  const data = new DataTransfer();
  data.items.add(new File([bytes], name, {type: "image/png"}));
  const target = document.querySelector(selector);
  target.focus();
  const event = kind === "paste"
    ? new ClipboardEvent("paste", {clipboardData: data, bubbles: true, cancelable: true})
    : new DragEvent("drop", {dataTransfer: data, bubbles: true, cancelable: true});
  target.dispatchEvent(event);
}"""


def send_file(page, selector, kind, data, name="image.png"):
    page.evaluate(SEND_FILE, [selector, kind, base64.b64encode(data).decode(), name])


def test_paste_an_image_into_the_page_editor_preview_save_and_see_it(login, make_user,
                                                                    screenshot):
    save_page(path="places/square", title="The square", markdown="The square.\n", author=None)
    page = login(make_user("alice"))
    page.goto("/places/square")
    page.get_by_role("link", name="Edit", exact=True).click()
    textarea = page.locator("textarea[name=markdown]")
    textarea.click()
    textarea.press("Control+End")

    send_file(page, "textarea[name=markdown]", "paste", corpus.png(1200, 600), "image.png")
    dialog = page.locator("dialog.files-dialog")
    expect(dialog).to_be_visible()
    expect(dialog.get_by_label("Description (alt text)")).to_be_focused()
    dialog.get_by_label("Description (alt text)").fill("The square on market day")
    screenshot(page, "files-paste-dialog-desktop")
    dialog.get_by_role("button", name="Upload").click()

    expect(textarea).to_have_value(
        re.compile(r"^The square\.\n\n!\[The square on market day\]\(/files/\d+/image\.png\)\n\n$"))
    preview = page.locator("[data-md-preview]")
    expect(preview.locator("img[alt='The square on market day']")).to_be_visible(timeout=5000)
    expect(page.locator(".files-upload-status[role=status]")).to_contain_text("Image uploaded")

    # A second image without a description is flagged in the editor.
    send_file(page, "textarea[name=markdown]", "paste", corpus.png(300, 200), "plan.png")
    dialog.get_by_role("button", name="Upload").click()
    expect(page.locator(".files-upload-status.message--warning")).to_contain_text(
        "An image has no description", timeout=5000)
    expect(preview.locator("img.files-no-alt")).to_have_count(1)
    screenshot(page, "files-editor-preview-desktop")

    page.get_by_role("button", name="Save").click()
    expect(page).to_have_url(re.compile(r"/places/square$"))
    image = page.locator(".wiki-body img[alt='The square on market day']")
    expect(image).to_be_visible()
    upload = Upload.objects.get(name="image.png")
    expect(image).to_have_attribute("srcset",
                                    re.compile(rf"/files/{upload.pk}/w320/image.png 320w"))
    expect(image).to_have_attribute("loading", "lazy")
    expect(image).to_have_attribute("width", "1200")
    # The browser loaded the source srcset fits to 46rem (the original here; a thumbnail on a
    # phone, below), and the original is one click away.
    wait_until_loaded(image)
    assert re.search(rf"/files/{upload.pk}/(w\d+/)?image\.png$",
                     image.evaluate("img => img.currentSrc"))
    expect(page.locator(f".wiki-body a.image-link[href='{upload.file_url()}']")).to_have_count(1)
    screenshot(page, "files-page-with-image-desktop")

    # The file page, at both widths, light and dark.
    for viewport, label in ((None, "desktop"), (PHONE, "phone")):
        for dark in (False, True):
            other = login(make_user(f"viewer-{label}-{int(dark)}"),
                          **({"viewport": viewport} if viewport else {}), dark=dark)
            other.goto(upload.get_absolute_url())
            expect(other.locator("h1")).to_have_text("image.png")
            expect(other.get_by_role("region", name="Where it is used")).to_contain_text(
                "Page The square")
            screenshot(other, f"files-detail-{label}{'-dark' if dark else ''}")


def test_a_forum_reply_with_a_dropped_image(login, make_user, node, screenshot):
    thread = start_thread(node=node, author=make_user("ann"), title="Show your village",
                          body="Photos welcome.")
    page = login(make_user("bob"), viewport=PHONE)
    page.goto(thread.get_absolute_url())
    box = page.locator("#reply textarea[name=body]")
    box.fill("Ours last summer:\n")
    send_file(page, "#reply textarea[name=body]", "drop", corpus.jpeg_with_gps(1600, 1200),
              "village.jpg")
    page.locator("dialog.files-dialog").get_by_label("Description (alt text)").fill(
        "Tents around a fire")
    screenshot(page, "files-drop-dialog-phone")
    page.locator("dialog.files-dialog").get_by_role("button", name="Upload").click()
    expect(box).to_have_value(re.compile(r"!\[Tents around a fire\]\(/files/\d+/village\.jpg\)"))
    page.click("#reply button:has-text('Post reply')")
    image = page.locator("#post-2 img[alt='Tents around a fire']")
    expect(image).to_be_visible()
    wait_until_loaded(image)
    # A phone loads a thumbnail, not the 1200 px wide original.
    assert re.search(r"/files/\d+/w(320|640)/village\.jpg$",
                     image.evaluate("img => img.currentSrc"))
    screenshot(page, "files-forum-reply-phone")
