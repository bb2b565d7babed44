"""The HTML lists and dashboards in a real browser (Chromium): on a phone, on a desktop, printed."""

from __future__ import annotations

import io
import re
from pathlib import Path

import pypdf
import pytest

from helpers import build_example

PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 900}


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_example(tmp_path_factory.mktemp("pages"), "2017-08-14")


def pages(out: Path) -> list[Path]:
    return sorted([out / "index.html", *out.glob("*/index.html"), *out.glob("*/listy/*.html")])


def test_nothing_runs_off_a_phone_screen(browser, built: Path) -> None:
    context = browser.new_context(viewport=PHONE, device_scale_factor=1)
    wide = []
    for path in pages(built):
        page = context.new_page()
        page.goto(path.as_uri())
        width = page.evaluate("document.documentElement.scrollWidth")
        if width > PHONE["width"]:
            wide.append(f"{path.relative_to(built).as_posix()}: {width} px")
        page.close()
    context.close()
    assert not wide, "pages wider than a 390 px phone: " + ", ".join(wide)


def test_on_a_phone_a_list_is_cards_with_links_to_call_and_write(browser, built: Path) -> None:
    page = browser.new_page(viewport=PHONE)
    page.goto((built / "modul-3" / "listy" / "contacts.html").as_uri())
    assert not page.locator("thead").is_visible()  # each row is a card with its own labels
    cell = page.locator("td[data-label='E-mail']").first
    assert cell.is_visible()
    label = page.evaluate("e => getComputedStyle(e, '::before').content", cell.element_handle())
    assert label == '"E-mail: "'
    assert page.locator("a[href='tel:+48540706657']").is_visible()
    assert page.locator("a[href='mailto:lukasz.zolc@example.pl']").count() == 1
    page.set_viewport_size(DESKTOP)
    assert page.locator("thead").is_visible()  # a table again on a wide screen
    page.close()


def test_a_list_printed_from_the_browser_repeats_its_header(browser, built: Path) -> None:
    page = browser.new_page()
    page.goto((built / "modul-3" / "listy" / "attendance.html").as_uri())
    pdf = pypdf.PdfReader(io.BytesIO(page.pdf(prefer_css_page_size=True, print_background=True)))
    page.close()
    assert len(pdf.pages) > 1
    for number, sheet in enumerate(pdf.pages, 1):
        box = sheet.mediabox
        assert sorted((round(float(box.width)), round(float(box.height)))) == [595, 842], number  # A4
        assert "Imię i nazwisko" in sheet.extract_text(), f"page {number} without the table's header"
    text = re.sub(r"\s+", " ", " ".join(sheet.extract_text() for sheet in pdf.pages))
    assert "Łukasz Żółć" in text and "Ewa Kruk (trener)" in text


def test_the_dashboard_on_a_phone(browser, built: Path) -> None:
    page = browser.new_page(viewport=PHONE)
    page.goto((built / "modul-3" / "index.html").as_uri())
    assert page.get_by_text("rozpoczęcie za 7 dni").is_visible()
    assert page.locator(".alerts li.pilne").count() == 2
    page.get_by_role("link", name="PDF").first.click()
    assert page.url.endswith("/listy/attendance.pdf")
    page.goto((built / "index.html").as_uri())
    page.get_by_role("link", name="Moduł III szkolenia").click()
    assert page.url.endswith("/modul-3/index.html")
    page.close()


def test_on_a_phone_the_overview_shows_every_column_of_each_event(browser, built: Path) -> None:
    """A table scrolled sideways hid the people, the next deadline and the alerts past 390 px."""
    page = browser.new_page(viewport=PHONE)
    page.goto((built / "index.html").as_uri())
    table = page.locator("table")
    assert page.evaluate("t => t.scrollWidth <= t.parentElement.clientWidth", table.element_handle())
    cell = page.locator("td[data-label='Do zrobienia']").first
    box = cell.bounding_box()
    assert box is not None and box["x"] + box["width"] <= PHONE["width"]
    label = page.evaluate("e => getComputedStyle(e, '::before').content", cell.element_handle())
    assert label == '"Do zrobienia: "'
    page.set_viewport_size(DESKTOP)
    assert page.locator("tr.head").is_visible()  # a table again on a wide screen
    page.close()
