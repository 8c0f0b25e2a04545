"""In chromium: filter the examples directory to pop-up villages active in 2024 in one country,
compare two of them, download the table as XLSX and re-import it with one change, seeing the
preview and then the change in the history. Screenshots of the directory and the comparison at
390 and 1280 px, light and dark."""

import pytest
import tablib

from tests.e2e.conftest import DESKTOP, PHONE
from tests.taxonomy.conftest import ensure_groups
from tests.taxonomy.corpus import load_corpus

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def corpus(db):
    ensure_groups()
    return load_corpus()


def test_filter_compare_export_and_reimport(corpus, editor, login, tmp_path, screenshot):
    page = login(editor)
    page.goto("/examples/")
    page.select_option("select[name=category]", label="\u2003Pop-up villages")
    page.select_option("select[name=country]", label="Thailand")
    page.click("text=More filters")
    page.fill("input[name=active_from]", "2024")
    page.fill("input[name=active_to]", "2024")
    page.click("button:has-text('Show examples')")
    page.wait_for_url("**/examples/?*active_from=2024*")
    assert "country=TH" in page.url and "category=small%2Fpop-up-villages" in page.url
    names = page.locator(".tx-table tbody th a").all_inner_texts()
    assert names == ["Chiang Mai Archipelago 2024", "Edge City Lanna"]
    assert page.locator(".tx-count").inner_text().startswith("2 examples")

    # Sorting keeps the filters (state in the URL).
    page.click(".tx-table thead a:has-text('Start')")
    page.wait_for_url("**sort=start*")
    assert "country=TH" in page.url
    filtered = page.url

    # Compare the two.
    page.check("input[aria-label='Compare Edge City Lanna']")
    page.check("input[aria-label='Compare Chiang Mai Archipelago 2024']")
    page.click("button:has-text('Compare selected')")
    page.wait_for_url("**/examples/-/compare/?*")
    compared = page.locator(".tx-compare thead th").all_inner_texts()
    assert compared == ["Chiang Mai Archipelago 2024", "Edge City Lanna"]
    dates = page.locator("tr", has=page.locator("th", has_text="Dates"))
    assert "differs" in dates.inner_text()
    country = page.locator("tr", has=page.locator("th", has_text="Country"))
    assert "differs" not in country.inner_text()

    # Download the filtered table as XLSX.
    page.goto(filtered)
    with page.expect_download() as download_info:
        page.click(".tx-downloads a:has-text('XLSX')")
    path = tmp_path / "examples.xlsx"
    download_info.value.save_as(path)
    book = tablib.Databook()
    book.load(path.read_bytes(), "xlsx")
    data = book.sheets()[0]
    assert sorted(data["slug"]) == ["chiang-mai-archipelago-2024", "edge-city-lanna-2024"]
    assert "CC BY-SA 4.0" in book.sheets()[1][0][0]

    # Change one fact and import the file back: a preview first, nothing applied yet.
    index = data["slug"].index("edge-city-lanna-2024")
    row = list(data[index])
    row[data.headers.index("size")] = 320
    data[index] = row
    changed = tmp_path / "examples-changed.xlsx"
    changed.write_bytes(data.export("xlsx"))
    page.goto("/examples/")
    page.click("text=Import a spreadsheet")
    page.set_input_files("input[name=file]", str(changed))
    page.click("button:has-text('Preview the import')")
    page.wait_for_url("**/examples/-/imports/*/")
    assert "1 to change" in page.locator(".tx-import-counts").inner_text()
    preview = page.locator(".tx-import-row").inner_text()
    assert "Edge City Lanna" in preview and "300" in preview and "320" in preview
    from taxonomy.models import Example

    assert Example.objects.get(slug="edge-city-lanna-2024").size == 300
    screenshot(page, "dataset-import-preview")
    page.click("button:has-text('Apply the import')")
    assert "1 changed" in page.locator(".message--success").inner_text()
    assert Example.objects.get(slug="edge-city-lanna-2024").size == 320

    # The change is in the example's history, as part of the import.
    page.click(".tx-import-rows a:has-text('Edge City Lanna')")
    page.click("text=Every change to Edge City Lanna")
    change = page.locator(".tx-change").first.inner_text()
    assert "300" in change and "320" in change and "spreadsheet import #" in change


@pytest.mark.parametrize("viewport, dark", [
    (DESKTOP, False), (DESKTOP, True), (PHONE, False), (PHONE, True),
])
def test_directory_and_comparison_look_right(corpus, new_page, screenshot, viewport, dark):
    page = new_page(viewport=viewport, dark=dark)
    size = f"{viewport['width']}{'-dark' if dark else ''}"
    page.goto("/examples/?scale=small&sort=-size")
    # Nothing wider than the screen but the table's own scroller.
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= viewport["width"]
    # At 1280 px the table fits without scrolling sideways; on a phone rows are cards.
    table = page.evaluate("(e => [e.scrollWidth, e.clientWidth])"
                          "(document.querySelector('.tx-compare-form .table-wrap'))")
    assert table[0] <= table[1]
    screenshot(page, f"dataset-directory-{size}")
    page.goto("/examples/-/compare/?e=zuzalu-2023&e=vitalia-2024&e=edge-city-lanna-2024")
    assert page.evaluate("document.documentElement.scrollWidth") <= viewport["width"]
    assert page.locator(".tx-differs").count() >= 3
    screenshot(page, f"dataset-compare-{size}")


def test_filters_work_with_the_keyboard(corpus, page):
    page.goto("/examples/")
    page.focus("form.tx-filters input[name=q]")
    page.keyboard.type("roat")
    page.keyboard.press("Enter")
    page.wait_for_url("**q=roat*")
    names = page.locator(".tx-table tbody th a").all_inner_texts()
    assert names == ["Próspera", "Vitalia 2024"]
    # The chip removes the filter again.
    page.click(".tx-chips a")
    page.wait_for_url(lambda url: "q=" not in url)
    assert page.locator(".tx-table tbody tr").count() == 18


def test_place_suggestions_fill_country_and_coordinates(corpus, editor, login):
    page = login(editor)
    page.goto("/examples/-/new/")
    page.fill("input[name=name]", "Lisbon hub")
    page.fill("input[name=slug]", "lisbon-hub")
    page.type("input[name=place]", "Lisb", delay=30)
    option = page.locator("datalist#id_place-suggestions option[value='Lisbon, Portugal']")
    option.wait_for(state="attached", timeout=60_000)  # the gazetteer loads on first use
    page.fill("input[name=place]", "Lisbon, Portugal")
    page.dispatch_event("input[name=place]", "input")
    assert page.input_value("select[name=country]") == "PT"
    assert page.input_value("input[name=latitude]").startswith("38.7")
    pop_ups = corpus["zuzalu-2023"].nodes.first().pk
    page.check(f"input[type=checkbox][value='{pop_ups}']")
    page.click("button:has-text('Add the example')")
    page.wait_for_url("**/examples/lisbon-hub/")
    from taxonomy.models import Example

    hub = Example.objects.get(slug="lisbon-hub")
    assert hub.country == "PT" and round(float(hub.longitude)) == -9
