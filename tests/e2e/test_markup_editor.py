"""The markdown editor widget in a real browser, on the wiki's editor page."""

import pytest
from playwright.sync_api import expect

from tests.e2e.conftest import PHONE

EDITOR = "/wiki/edit/sandbox/live-preview"


@pytest.fixture
def editor_page(login, user):
    def open_editor(**kwargs):
        page = login(user, **kwargs)
        page.goto(EDITOR)
        return page

    return open_editor


def is_dirty(page):
    """Whether leaving now would ask first (beforeunload cancelled)."""
    return page.evaluate(
        "() => { const e = new Event('beforeunload', {cancelable: true});"
        " window.dispatchEvent(e); return e.defaultPrevented; }"
    )


def test_typing_updates_the_live_preview_from_the_server(editor_page, screenshot):
    page = editor_page()
    preview = page.locator("[data-md-preview]")
    page.locator("textarea.md-editor__input").fill(
        "# Hello preview\n\n**bold** and [[Some Page]]\n\n<script>window.pwned = 1</script>"
    )
    expect(preview.locator("h2")).to_contain_text("Hello preview")
    expect(preview.locator("strong")).to_have_text("bold")
    # No page "Some Page" exists yet: a red link to the page's invitation, as on the saved page.
    expect(preview.locator("a.redlink[href='/some-page']")).to_have_text("Some Page")
    assert page.evaluate("() => window.pwned === undefined")
    screenshot(page, "markup-editor-desktop")


def test_toolbar_wraps_the_selection_and_is_keyboard_reachable(editor_page):
    page = editor_page()
    textarea = page.locator("textarea.md-editor__input")
    textarea.fill("make this strong")
    textarea.evaluate("t => t.setSelectionRange(10, 16)")
    page.get_by_role("button", name="Bold").click()
    expect(textarea).to_have_value("make this **strong**")
    expect(page.locator("[data-md-preview] strong")).to_have_text("strong")

    textarea.fill("item")
    textarea.focus()
    page.keyboard.press("Shift+Tab")  # back into the toolbar, on its last button
    expect(page.get_by_role("button", name="Code")).to_be_focused()
    textarea.evaluate("t => t.setSelectionRange(0, 4)")
    page.get_by_role("button", name="Bulleted list").focus()
    page.keyboard.press("Enter")
    expect(textarea).to_have_value("- item")


def test_unsaved_changes_warn_and_ctrl_s_saves(editor_page, user):
    from wiki.models import Page

    page = editor_page()
    assert not is_dirty(page)
    textarea = page.locator("textarea.md-editor__input")
    textarea.fill("Saved with the keyboard.")
    assert is_dirty(page)
    textarea.press("Control+s")
    page.wait_for_url("**/sandbox/live-preview")
    assert "Saved with the keyboard." in page.locator("main").inner_text()
    assert Page.objects.get(path="sandbox/live-preview").current_revision.markdown == (
        "Saved with the keyboard."
    )


def test_preview_errors_show_a_friendly_message(editor_page):
    page = editor_page()
    page.route("**/markup/preview/", lambda route: route.fulfill(status=500, body="boom"))
    page.locator("textarea.md-editor__input").fill("anything")
    expect(page.locator("[data-md-preview]")).to_contain_text("preview is not available")


def test_panes_sit_side_by_side_on_desktop_and_stack_on_a_phone(editor_page, screenshot):
    desktop = editor_page()
    source = desktop.locator("textarea.md-editor__input").bounding_box()
    pane = desktop.locator("[data-md-preview]").bounding_box()
    assert pane["x"] >= source["x"] + source["width"] - 1
    assert abs(pane["y"] - source["y"]) < 60

    phone = editor_page(viewport=PHONE, dark=True)
    phone.locator("textarea.md-editor__input").fill("## On a phone\n\n- one\n- two")
    expect(phone.locator("[data-md-preview] h3")).to_contain_text("On a phone")
    source = phone.locator("textarea.md-editor__input").bounding_box()
    pane = phone.locator("[data-md-preview]").bounding_box()
    assert pane["y"] >= source["y"] + source["height"] - 1
    assert abs(pane["x"] - source["x"]) < 20
    assert phone.evaluate("() => document.documentElement.scrollWidth") <= PHONE["width"]
    screenshot(phone, "markup-editor-phone-dark")
