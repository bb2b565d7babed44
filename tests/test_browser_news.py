"""The report's page in a real browser (Chromium): its photographs shown, nothing off a phone's screen."""

from __future__ import annotations

from pathlib import Path

from helpers import TINY_PNG

PHONE = {"width": 390, "height": 844}


def test_the_report_page_shows_its_photographs_and_fits_a_phone(browser, cli, example: Path, tmp_path: Path) -> None:
    folder = example / "zdjecia"
    folder.mkdir()
    (folder / "sala.png").write_bytes(TINY_PNG)
    path = example / "meetings" / "siec-2018-10.yaml"
    text = path.read_text(encoding="utf-8")
    photos = '    photos: [{ file: zdjecia/sala.png, caption: "Samorządowcy omawiają stan realizacji planów" }]\n'
    path.write_text(text.replace("  registrations:\n", photos + "  registrations:\n", 1), encoding="utf-8")
    out = tmp_path / "build"
    assert cli("build", "siec-2018-10", "-p", example, "-o", out, "--today", "2018-11-05").exit_code == 0
    page = browser.new_page(viewport=PHONE)
    page.goto((out / "siec-2018-10" / "relacja.html").as_uri())
    image = page.locator("figure img")
    assert image.evaluate("img => img.complete && img.naturalWidth") == 2  # the copied file was found
    assert page.locator("figcaption").inner_text() == "Samorządowcy omawiają stan realizacji planów"
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    assert page.locator("h1").inner_text().startswith("Monitorujemy i")
    page.close()
